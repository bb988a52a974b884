import "server-only";
import { z } from "zod";
import { acceptInviteInputSchema, setupInputSchema } from "../../shared/account";
import { acceptInvite } from "../../services/accounts/invites";
import { completeSetup } from "../../services/accounts/complete-setup";
import { recordAudit } from "../../services/audit/record-audit";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const accountRouter = createTRPCRouter({
  /** First start without the admin variables: the first account, with the token from the log. */
  setup: publicProcedure
    .input(setupInputSchema)
    .output(z.object({ email: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const admin = await completeSetup({ db: ctx.db, input });
      await recordAudit(ctx.db, {
        action: "account.setup_completed",
        actor: { id: admin.userId, email: admin.email },
        headers: ctx.headers,
      });
      return { email: admin.email };
    }),

  /** Opens an account from an admin's invite link (the token is the proof). */
  acceptInvite: publicProcedure
    .input(acceptInviteInputSchema)
    .output(z.object({ email: z.string(), role: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const account = await acceptInvite({ db: ctx.db, input });
      await recordAudit(ctx.db, {
        action: "account.invite_accepted",
        actor: { id: account.userId, email: account.email },
        targetEmail: account.email,
        detail: { role: account.role },
        headers: ctx.headers,
      });
      return { email: account.email, role: account.role };
    }),
});
