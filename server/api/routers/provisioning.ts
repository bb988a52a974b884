import "server-only";
import { z } from "zod";
import { authorize } from "../../auth/policy";
import { getRunLog } from "../../services/provisioning/get-run-log";
import { projectSlugSchema } from "../../shared/project";
import { getProvisioningHistory } from "../../services/provisioning/get-history";
import { reprovisionProject } from "../../services/provisioning/reprovision-project";
import { getProjectCredentials, revealProjectCredentials } from "../../services/provisioning/get-credentials";
import {
  credentialsSchema,
  provisioningResultSchema,
  revealedCredentialsSchema,
} from "../../services/provisioning/provisioning-result";
import { countForCaller, createTRPCRouter, procedureFor, projectProcedure } from "../trpc";

export const provisioningRouter = createTRPCRouter({
  /** Runs the engine again for the project's saved stack (the Re-provision button). */
  reprovision: projectProcedure("project.reprovision")
    .output(provisioningResultSchema)
    .mutation(({ ctx }) =>
      reprovisionProject({
        db: ctx.db,
        projectId: ctx.project.id,
        config: ctx.provisioningConfig(),
        audit: ctx.audit,
        // Asked again on the project as the service reads it, right before the run is claimed.
        authorize: (project) => authorize(ctx.user, "project.reprovision", project),
        countRun: () => countForCaller(ctx, "runs"),
      }),
    ),

  history: procedureFor("project.view")
    .input(z.object({ slug: projectSlugSchema }))
    .query(({ ctx, input }) => getProvisioningHistory({ db: ctx.db, slug: input.slug })),

  /** The end of one run's log: what the scripts printed (secrets redacted when it was stored). */
  runLog: projectProcedure("project.viewRunLogs")
    .input(z.object({ attempt: z.number().int().min(1) }))
    .output(z.object({ log: z.string() }))
    .query(({ ctx, input }) => getRunLog({ db: ctx.db, projectId: ctx.project.id, attempt: input.attempt })),

  /**
   * The database password and the full connection URL: the one response that carries a password.
   * A mutation, because every call writes an audit entry, and the entry is written before the
   * password leaves.
   */
  reveal: projectProcedure("project.revealCredentials")
    .output(revealedCredentialsSchema)
    .mutation(async ({ ctx }) => {
      const { revealed } = await revealProjectCredentials({
        db: ctx.db,
        projectId: ctx.project.id,
        key: ctx.provisioningConfig().key,
        audit: ctx.audit,
      });
      return revealed;
    }),

  /** The credentials of a provisioned project without the password, to reopen the credentials modal. */
  credentials: projectProcedure("project.revealCredentials")
    .output(
      z.object({ credentials: credentialsSchema, nextSteps: z.array(z.string()), projectPath: z.string() }),
    )
    .query(({ ctx }) =>
      getProjectCredentials({ db: ctx.db, slug: ctx.project.slug, key: ctx.provisioningConfig().key }),
    ),
});
