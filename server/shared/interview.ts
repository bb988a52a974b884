import { z } from "zod";
import { projectDescriptionSchema, projectNameSchema } from "./project";
import { stackInputSchema } from "../../provisioning/stack-validation";
import { LAST_STEP } from "./interview-steps";

export * from "./interview-steps";

/** Answers as saved between steps: any subset, each already in its final form. */
export const interviewAnswersSchema = z
  .object({
    name: projectNameSchema,
    description: projectDescriptionSchema,
    backend: z.string().max(40),
    database: z.string().max(40),
    frontend: z.string().max(40),
    css: z.string().max(40),
  })
  .partial();
export type InterviewAnswers = z.infer<typeof interviewAnswersSchema>;

export const interviewIdSchema = z.uuid("Not an interview id.");

export const saveAnswersInputSchema = z.object({
  interviewId: interviewIdSchema,
  currentStep: z.number().int().min(1).max(LAST_STEP),
  answers: interviewAnswersSchema,
});

export const saveStackInputSchema = z.object({
  interviewId: interviewIdSchema,
  stack: stackInputSchema,
});
