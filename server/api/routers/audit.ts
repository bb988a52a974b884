import "server-only";
import { listAudit } from "../../services/audit/list-audit";
import { auditFilterSchema } from "../../shared/audit";
import { adminProcedure, createTRPCRouter, projectProcedure } from "../trpc";

/** How many entries a page shows; the CSV export has them all. */
export const PROJECT_AUDIT_LIMIT = 50;
export const ADMIN_AUDIT_LIMIT = 200;

/** The audit log: a project's entries for its owner and the admins, everything for the admins. */
export const auditRouter = createTRPCRouter({
  project: projectProcedure("project.viewAudit").query(({ ctx }) =>
    listAudit({ db: ctx.db, filter: { projectId: ctx.project.id }, limit: PROJECT_AUDIT_LIMIT }),
  ),

  list: adminProcedure
    .input(auditFilterSchema)
    .query(({ ctx, input }) => listAudit({ db: ctx.db, filter: input, limit: ADMIN_AUDIT_LIMIT })),
});
