import { z } from "zod";
import { projectDescriptionSchema, projectNameSchema } from "./project";
import { STACK_CATEGORIES, stackInputSchema, type StackCategory } from "../../provisioning/stack";

/**
 * The interview's steps, in order: the project (name and description, both already given on the
 * new-project form, so a new project starts at step 2), the four stack questions, whose ids are the
 * stack categories, and the review, where Save is. The ids are what the URL says (`?step=backend`);
 * the numbers are what `currentStep` stores.
 */
export const STEPS = [
  { step: 1, id: "project", title: "What is the project?", label: "Project" },
  { step: 2, id: "backend", title: "Which backend?", label: "Backend" },
  { step: 3, id: "database", title: "Which database?", label: "Database" },
  { step: 4, id: "frontend", title: "Which frontend?", label: "Frontend" },
  { step: 5, id: "css", title: "Which CSS framework?", label: "CSS" },
  { step: 6, id: "review", title: "Check your answers, then save", label: "Review" },
] as const;
export type StepId = (typeof STEPS)[number]["id"];
export const LAST_STEP = STEPS.length;
/** Where "Change the stack" opens: the first stack question. */
export const FIRST_STACK_STEP = 2;

export function categoryOfStep(step: number): StackCategory | null {
  const id = STEPS[step - 1]?.id;
  return STACK_CATEGORIES.find((category) => category === id) ?? null;
}

/** The step a URL's `?step=` names, or null for anything else. */
export function stepOfId(id: string | null): number | null {
  return STEPS.find((entry) => entry.id === id)?.step ?? null;
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
