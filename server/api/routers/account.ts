import "server-only";
import { z } from "zod";
import { setupInputSchema } from "../../shared/account";
import { completeSetup } from "../../services/accounts/complete-setup";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const accountRouter = createTRPCRouter({
  /** First start without the admin variables: the first account, with the token from the log. */
  setup: publicProcedure
    .input(setupInputSchema)
    .output(z.object({ email: z.string() }))
    .mutation(({ ctx, input }) => completeSetup({ db: ctx.db, input })),
});
