import "server-only";
import { z } from "zod";
import { authorize } from "../../auth/policy";
import { projectAccessBySlug } from "../../services/projects/project-access";
import { getRunLog } from "../../services/provisioning/get-run-log";
import { projectSlugSchema } from "../../shared/project";
import { getProvisioningHistory } from "../../services/provisioning/get-history";
import { provisionProject } from "../../services/provisioning/provision-project";
import { assertSavedStackOffered } from "../../services/provisioning/saved-stack";
import { recordAudit } from "../../services/audit/record-audit";
import { getProjectCredentials, revealProjectCredentials } from "../../services/provisioning/get-credentials";
import {
  credentialsSchema,
  provisioningResultSchema,
  revealedCredentialsSchema,
} from "../../services/provisioning/provisioning-result";
import { countForCaller, createTRPCRouter, protectedProcedure } from "../trpc";

const bySlug = z.object({ slug: projectSlugSchema });

export const provisioningRouter = createTRPCRouter({
  /** Runs the engine again for the project's saved stack (the Re-provision button). */
  reprovision: protectedProcedure
    .input(bySlug)
    .output(provisioningResultSchema)
    .mutation(async ({ ctx, input }) => {
      const project = await projectAccessBySlug(ctx.db, input.slug);
      authorize(ctx.user, "project.reprovision", project);
      await assertSavedStackOffered(ctx.db, project.id);
      await countForCaller(ctx, "runs");
      const result = await provisionProject({
        db: ctx.db,
        projectId: project.id,
        config: ctx.provisioningConfig(),
      });
      await recordAudit(ctx.db, {
        action: "project.reprovisioned",
        actor: ctx.user,
        project,
        detail: { status: result.status, attempt: result.attempt },
        headers: ctx.headers,
      });
      return result;
    }),

  history: protectedProcedure.input(bySlug).query(({ ctx, input }) => {
    authorize(ctx.user, "project.view");
    return getProvisioningHistory({ db: ctx.db, slug: input.slug });
  }),

  /** The end of one run's log: what the scripts printed (secrets redacted when it was stored). */
  runLog: protectedProcedure
    .input(z.object({ slug: projectSlugSchema, attempt: z.number().int().min(1) }))
    .output(z.object({ log: z.string() }))
    .query(async ({ ctx, input }) => {
      const project = await projectAccessBySlug(ctx.db, input.slug);
      authorize(ctx.user, "project.viewRunLogs", project);
      return getRunLog({ db: ctx.db, projectId: project.id, attempt: input.attempt });
    }),

  /**
   * The database password and the full connection URL: the one response that carries a password.
   * A mutation, because every call writes an audit entry, and the entry is written before the
   * password leaves.
   */
  reveal: protectedProcedure
    .input(bySlug)
    .output(revealedCredentialsSchema)
    .mutation(async ({ ctx, input }) => {
      const access = await projectAccessBySlug(ctx.db, input.slug);
      authorize(ctx.user, "project.revealCredentials", access);
      const { project, revealed } = await revealProjectCredentials({
        db: ctx.db,
        projectId: access.id,
        key: ctx.provisioningConfig().key,
      });
      await recordAudit(ctx.db, {
        action: "credentials.revealed",
        actor: ctx.user,
        project,
        headers: ctx.headers,
      });
      return revealed;
    }),

  /** The credentials of a provisioned project without the password, to reopen the credentials modal. */
  credentials: protectedProcedure
    .input(bySlug)
    .output(
      z.object({ credentials: credentialsSchema, nextSteps: z.array(z.string()), projectPath: z.string() }),
    )
    .query(async ({ ctx, input }) => {
      authorize(ctx.user, "project.revealCredentials", await projectAccessBySlug(ctx.db, input.slug));
      return getProjectCredentials({ db: ctx.db, slug: input.slug, key: ctx.provisioningConfig().key });
    }),
});
