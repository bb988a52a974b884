import { STACK_CATEGORIES, type StackCategory } from "../../provisioning/stack";

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
