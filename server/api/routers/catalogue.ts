import "server-only";
import { getCatalogue } from "../../services/catalogue/get-catalogue";
import { getStackVerification } from "../../services/catalogue/get-stack-verification";
import { stackInputSchema } from "../../../provisioning/stack-validation";
import { createTRPCRouter, procedureFor } from "../trpc";

/** The catalogue is part of what everyone signed in sees (the wizard and the project pages). */
const catalogueProcedure = procedureFor("project.view");

export const catalogueRouter = createTRPCRouter({
  /** Technologies per category and the compatibility rules, for the wizard's live checks. */
  get: catalogueProcedure.query(({ ctx }) => getCatalogue({ db: ctx.db })),
  /** What `verify:stacks` proved of a stack, or that it was not checked with the current versions. */
  verification: catalogueProcedure.input(stackInputSchema).query(({ input }) => getStackVerification(input)),
});
