import "server-only";
import { getCatalogue } from "../../services/catalogue/get-catalogue";
import { getStackVerification } from "../../services/catalogue/get-stack-verification";
import { stackInputSchema } from "../../../provisioning/stack";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const catalogueRouter = createTRPCRouter({
  /** Technologies per category and the compatibility rules, for the wizard's live checks. */
  get: protectedProcedure.query(({ ctx }) => getCatalogue({ db: ctx.db })),
  /** What `verify:stacks` proved of a stack, or that it was not checked with the current versions. */
  verification: protectedProcedure.input(stackInputSchema).query(({ input }) => getStackVerification(input)),
});
