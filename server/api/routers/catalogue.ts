import "server-only";
import { getCatalogue } from "../../services/catalogue/get-catalogue";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const catalogueRouter = createTRPCRouter({
  /** Technologies per category and the compatibility rules, for the wizard's live checks. */
  get: protectedProcedure.query(({ ctx }) => getCatalogue({ db: ctx.db })),
});
