import "server-only";
import { z } from "zod";
import { projectSlugSchema } from "../../shared/project";
import { saveAnswersInputSchema, saveStackInputSchema } from "../../shared/interview";
import { getInterview } from "../../services/interview/get-interview";
import { saveAnswers } from "../../services/interview/save-answers";
import { saveStack } from "../../services/interview/save-stack";
import { previewStack } from "../../services/interview/preview-stack";
import { stackInputSchema } from "../../../provisioning/stack-validation";
import { provisioningResultSchema } from "../../services/provisioning/provisioning-result";
import { authorize } from "../../auth/policy";
import { countForCaller, createTRPCRouter, interviewProcedure, procedureFor } from "../trpc";

export const interviewRouter = createTRPCRouter({
  get: procedureFor("project.view")
    .input(z.object({ slug: projectSlugSchema }))
    .query(({ ctx, input }) => getInterview({ db: ctx.db, slug: input.slug })),

  /** Saves the answers so far and the current step, so the wizard resumes where the user left off. */
  saveAnswers: interviewProcedure("project.edit")
    .input(saveAnswersInputSchema)
    .mutation(({ ctx, input }) => saveAnswers({ db: ctx.db, ...input })),

  /**
   * The files a save of this stack would write, ports and secrets as placeholders (the review step's
   * "Preview files"). A query: it allocates, creates and writes nothing.
   */
  preview: interviewProcedure("project.edit")
    .input(z.object({ stack: stackInputSchema }))
    .query(({ ctx, input }) => previewStack({ db: ctx.db, projectId: ctx.project.id, stack: input.stack })),

  /** Validates and saves the stack, then provisions the project: one call, one typed result. */
  saveStack: interviewProcedure("project.edit")
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
        audit: ctx.audit,
        // Asked again on the project as saveStack reads it, right before the stack is saved.
        authorize: (project) => authorize(ctx.user, "project.edit", project),
        // Every save starts a provisioning run: counted against the caller's own limit.
        countRun: () => countForCaller(ctx, "runs"),
      });
      return { success: result.success, message: result.message, provisioning: result.provisioning };
    }),
});
