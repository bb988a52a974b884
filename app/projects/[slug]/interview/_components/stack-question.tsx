"use client";

import { Alert } from "~/app/_components/ui/alert";
import type { InterviewAnswers } from "~/server/shared/interview";
import { CATEGORY_LABELS, choiceLabel, type Catalogue, type StackCategory } from "~/provisioning/stack";
import { ChoiceGroup } from "./choice-group";
import { choicesFor, staleReason } from "./stack-choices";

/** Steps 2 to 5: one stack category's choices, and a warning when an earlier answer ruled out this one's. */
export function StackQuestion({
  category,
  answers,
  catalogue,
  onChoose,
}: {
  category: StackCategory;
  answers: InterviewAnswers;
  catalogue: Catalogue;
  onChoose: (slug: string, isPointer: boolean) => void;
}) {
  const answer = answers[category];
  const stale = staleReason(catalogue, answers, category);
  return (
    <>
      <ChoiceGroup
        name={category}
        legend={`Choose the ${CATEGORY_LABELS[category]}`}
        choices={choicesFor(catalogue, answers, category)}
        value={answer}
        onChange={onChoose}
      />
      {stale && (
        <Alert tone="error" title="An earlier answer changed">
          Your choice &ldquo;{choiceLabel(catalogue, category, answer ?? "")}&rdquo; no longer fits: {stale}{" "}
          Choose another option.
        </Alert>
      )}
    </>
  );
}
