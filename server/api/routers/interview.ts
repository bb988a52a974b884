import "server-only";
import { z } from "zod";
import { projectSlugSchema } from "../../shared/project";
import { saveAnswersInputSchema, saveStackInputSchema } from "../../shared/interview";
import { getInterview } from "../../services/interview/get-interview";
import { saveAnswers } from "../../services/interview/save-answers";
import { saveStack } from "../../services/interview/save-stack";
import { provisioningResultSchema } from "../../services/provisioning/provisioning-result";
import { authorize } from "../../auth/policy";
import { projectAccessByInterview } from "../../services/projects/project-access";
import { countForCaller, createTRPCRouter, protectedProcedure } from "../trpc";

export const interviewRouter = createTRPCRouter({
  get: protectedProcedure.input(z.object({ slug: projectSlugSchema })).query(({ ctx, input }) => {
    authorize(ctx.user, "project.view");
    return getInterview({ db: ctx.db, slug: input.slug });
  }),

  /** Saves the answers so far and the current step, so the wizard resumes where the user left off. */
  saveAnswers: protectedProcedure.input(saveAnswersInputSchema).mutation(async ({ ctx, input }) => {
    authorize(ctx.user, "project.edit", await projectAccessByInterview(ctx.db, input.interviewId));
    return saveAnswers({ db: ctx.db, ...input });
  }),

  /** Validates and saves the stack, then provisions the project: one call, one typed result. */
  saveStack: protectedProcedure
    .input(saveStackInputSchema)
    .output(
      z.object({ success: z.literal(true), message: z.string(), provisioning: provisioningResultSchema }),
    )
    .mutation(async ({ ctx, input }) => {
      const result = await saveStack({
        db: ctx.db,
        interviewId: input.interviewId,
        stack: input.stack,
        config: ctx.provisioningConfig(),
        audit: { actor: ctx.user, headers: ctx.headers },
        authorize: (project) => authorize(ctx.user, "project.edit", project),
        // Every save starts a provisioning run: counted against the caller's own limit.
        countRun: async () => {
          await countForCaller(ctx, "runs");
        },
      });
      return { success: result.success, message: result.message, provisioning: result.provisioning };
    }),
});
