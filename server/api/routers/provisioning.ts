import "server-only";
import { z } from "zod";
import { AppError } from "../../errors/app-error";
import { projectSlugSchema } from "../../shared/project";
import { getProjectCredentials } from "../../services/provisioning/get-credentials";
import { getProvisioningHistory } from "../../services/provisioning/get-history";
import { provisionProject } from "../../services/provisioning/provision-project";
import { credentialsSchema, provisioningResultSchema } from "../../services/provisioning/provisioning-result";
import { createTRPCRouter, protectedProcedure } from "../trpc";

const bySlug = z.object({ slug: projectSlugSchema });

export const provisioningRouter = createTRPCRouter({
  /** Runs the engine again for the project's saved stack (the Re-provision button). */
  reprovision: protectedProcedure
    .input(bySlug)
    .output(provisioningResultSchema)
    .mutation(async ({ ctx, input }) => {
      const project = await ctx.db.project.findUnique({ where: { slug: input.slug }, select: { id: true } });
      if (!project) throw new AppError("NOT_FOUND", `There is no project "${input.slug}".`);
      return provisionProject({ db: ctx.db, projectId: project.id, config: ctx.provisioningConfig() });
    }),

  history: protectedProcedure
    .input(bySlug)
    .query(({ ctx, input }) => getProvisioningHistory({ db: ctx.db, slug: input.slug })),

  /** The credentials of a provisioned project, to reopen the credentials modal. */
  credentials: protectedProcedure
    .input(bySlug)
    .output(
      z.object({ credentials: credentialsSchema, nextSteps: z.array(z.string()), projectPath: z.string() }),
    )
    .query(({ ctx, input }) =>
      getProjectCredentials({ db: ctx.db, slug: input.slug, key: ctx.provisioningConfig().key }),
    ),
});
