import "server-only";
import { z } from "zod";
import { authorize } from "../../auth/policy";
import { emailSchema } from "../../shared/account";
import { createProjectInputSchema, projectSlugSchema } from "../../shared/project";
import { createProject } from "../../services/projects/create-project";
import { getProject } from "../../services/projects/get-project";
import { listProjects } from "../../services/projects/list-projects";
import { projectAccessBySlug } from "../../services/projects/project-access";
import { transferOwnership } from "../../services/projects/transfer-ownership";
import { recordAudit } from "../../services/audit/record-audit";
import { countForCaller, createTRPCRouter, protectedProcedure } from "../trpc";

export const projectRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => {
    authorize(ctx.user, "project.view");
    return listProjects({ db: ctx.db });
  }),
  get: protectedProcedure.input(z.object({ slug: projectSlugSchema })).query(({ ctx, input }) => {
    authorize(ctx.user, "project.view");
    return getProject({ db: ctx.db, slug: input.slug });
  }),
  create: protectedProcedure.input(createProjectInputSchema).mutation(async ({ ctx, input }) => {
    authorize(ctx.user, "project.create");
    await countForCaller(ctx, "projects");
    return createProject({ db: ctx.db, input, ownerId: ctx.user.id });
  }),
  /** Admins hand a project to another member or admin. */
  transferOwnership: protectedProcedure
    .input(z.object({ slug: projectSlugSchema, newOwnerEmail: emailSchema }))
    .output(z.object({ ownerId: z.string(), ownerName: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const project = await projectAccessBySlug(ctx.db, input.slug);
      authorize(ctx.user, "project.transferOwnership", project);
      const result = await transferOwnership({
        db: ctx.db,
        slug: input.slug,
        newOwnerEmail: input.newOwnerEmail,
      });
      await recordAudit(ctx.db, {
        action: "project.ownership_transferred",
        actor: ctx.user,
        project,
        targetEmail: input.newOwnerEmail,
        detail: { previousOwner: result.previousOwnerEmail },
        headers: ctx.headers,
      });
      return { ownerId: result.ownerId, ownerName: result.ownerName };
    }),
});
