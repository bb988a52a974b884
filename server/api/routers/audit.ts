import "server-only";
import { z } from "zod";
import { authorize } from "../../auth/policy";
import { listAudit } from "../../services/audit/list-audit";
import { projectAccessBySlug } from "../../services/projects/project-access";
import { auditFilterSchema } from "../../shared/audit";
import { projectSlugSchema } from "../../shared/project";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** How many entries a page shows; the CSV export has them all. */
export const PROJECT_AUDIT_LIMIT = 50;
export const ADMIN_AUDIT_LIMIT = 200;

/** The audit log: a project's entries for its owner and the admins, everything for the admins. */
export const auditRouter = createTRPCRouter({
  project: protectedProcedure.input(z.object({ slug: projectSlugSchema })).query(async ({ ctx, input }) => {
    const project = await projectAccessBySlug(ctx.db, input.slug);
    authorize(ctx.user, "project.viewAudit", project);
    return listAudit({ db: ctx.db, filter: { projectId: project.id }, limit: PROJECT_AUDIT_LIMIT });
  }),

  list: protectedProcedure.input(auditFilterSchema).query(({ ctx, input }) => {
    authorize(ctx.user, "accounts.manage");
    return listAudit({ db: ctx.db, filter: input, limit: ADMIN_AUDIT_LIMIT });
  }),
});
