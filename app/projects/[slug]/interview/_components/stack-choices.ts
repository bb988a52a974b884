import type { InterviewAnswers } from "~/server/shared/interview";
import {
  NONE,
  reasonChoiceIsDisabled,
  STACK_CATEGORIES,
  type Catalogue,
  type PartialStack,
  type StackCategory,
} from "~/provisioning/stack";
import type { Choice } from "./choice-group";

const NONE_DESCRIPTIONS: Record<StackCategory, string> = {
  backend: "No backend: the frontend does everything.",
  database: "No database: nothing to store.",
  frontend: "No separate frontend.",
  css: "No CSS framework: plain CSS.",
};

/** The answers of the categories asked before `category`: the only ones that may disable a choice. */
function earlierAnswers(answers: InterviewAnswers, category: StackCategory): PartialStack {
  const earlier: PartialStack = {};
  for (const other of STACK_CATEGORIES) {
    if (other === category) break;
    const value = answers[other];
    if (value) earlier[other] = value;
  }
  return earlier;
}

/** A stack question's options, "None" last, each disabled with its reason when earlier answers rule it out. */
export function choicesFor(
  catalogue: Catalogue,
  answers: InterviewAnswers,
  category: StackCategory,
): Choice[] {
  const earlier = earlierAnswers(answers, category);
  const options = [
    ...catalogue.technologies[category],
    { slug: NONE, label: "None", description: NONE_DESCRIPTIONS[category] },
  ];
  return options.map((option) => ({
    ...option,
    disabledReason: reasonChoiceIsDisabled(catalogue.rules, earlier, category, option.slug),
  }));
}

/** Why a category's saved answer no longer fits the answers before it (an earlier one changed), or null. */
export function staleReason(
  catalogue: Catalogue,
  answers: InterviewAnswers,
  category: StackCategory,
): string | null {
  const answer = answers[category];
  if (!answer) return null;
  return (
    choicesFor(catalogue, answers, category).find((choice) => choice.slug === answer)?.disabledReason ?? null
  );
}
