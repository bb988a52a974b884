import { z } from "zod";
import { projectDescriptionSchema, projectNameSchema } from "./project";
import { STACK_CATEGORIES, stackInputSchema, type StackCategory } from "./stack";

/** The interview's questions, in order. Q3-Q6 are the stack; their ids are the stack categories. */
export const QUESTIONS = [
  { step: 1, id: "name", title: "What is the project called?" },
  { step: 2, id: "description", title: "What will it do?" },
  { step: 3, id: "backend", title: "Which backend?" },
  { step: 4, id: "database", title: "Which database?" },
  { step: 5, id: "frontend", title: "Which frontend?" },
  { step: 6, id: "css", title: "Which CSS framework?" },
] as const;
export const LAST_STEP = QUESTIONS.length;

export function categoryOfStep(step: number): StackCategory | null {
  const id = QUESTIONS[step - 1]?.id;
  return STACK_CATEGORIES.find((category) => category === id) ?? null;
}

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

export const saveAnswersInputSchema = z.object({
  interviewId: z.uuid("Not an interview id."),
  currentStep: z.number().int().min(1).max(LAST_STEP),
  answers: interviewAnswersSchema,
});

export const saveStackInputSchema = z.object({
  interviewId: z.uuid("Not an interview id."),
  stack: stackInputSchema,
});
