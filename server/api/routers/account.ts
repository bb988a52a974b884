import "server-only";
import { z } from "zod";
import { acceptInviteInputSchema, setupInputSchema } from "../../shared/account";
import { acceptInvite } from "../../services/accounts/invites";
import { completeSetup } from "../../services/accounts/complete-setup";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const accountRouter = createTRPCRouter({
  /** First start without the admin variables: the first account, with the token from the log. */
  setup: publicProcedure
    .input(setupInputSchema)
    .output(z.object({ email: z.string() }))
    .mutation(({ ctx, input }) => completeSetup({ db: ctx.db, input })),

  /** Opens an account from an admin's invite link (the token is the proof). */
  acceptInvite: publicProcedure
    .input(acceptInviteInputSchema)
    .output(z.object({ email: z.string(), role: z.string() }))
    .mutation(({ ctx, input }) => acceptInvite({ db: ctx.db, input })),
});
