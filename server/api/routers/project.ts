import "server-only";
import { z } from "zod";
import { createProjectInputSchema, projectSlugSchema } from "../../shared/project";
import { createProject } from "../../services/projects/create-project";
import { getProject } from "../../services/projects/get-project";
import { listProjects } from "../../services/projects/list-projects";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const projectRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listProjects({ db: ctx.db })),
  get: protectedProcedure
    .input(z.object({ slug: projectSlugSchema }))
    .query(({ ctx, input }) => getProject({ db: ctx.db, slug: input.slug })),
  create: protectedProcedure
    .input(createProjectInputSchema)
    .mutation(({ ctx, input }) => createProject({ db: ctx.db, input })),
});
