"use client";

import type { InterviewAnswers } from "~/server/shared/interview";
import { LAST_STEP, STEPS } from "~/server/shared/interview-steps";
import { choiceLabel, type Catalogue } from "~/provisioning/stack";
import { StepLink } from "./step-link";

/** What the progress list shows under a step's name: its answer, once given. */
function answerOf(catalogue: Catalogue, answers: InterviewAnswers, id: (typeof STEPS)[number]["id"]) {
  if (id === "review") return null;
  if (id === "project") return [answers.name, answers.description].filter(Boolean).join(" · ") || null;
  const slug = answers[id];
  return slug ? choiceLabel(catalogue, id, slug) : null;
}

/**
 * The steps, with the answers given so far. Every step up to the first unanswered one is a link, so
 * any answer can be changed without walking the steps between.
 */
export function InterviewProgress({
  step,
  reachableUntil,
  answers,
  catalogue,
  hrefOf,
  onOpen,
}: {
  step: number;
  reachableUntil: number;
  answers: InterviewAnswers;
  catalogue: Catalogue;
  hrefOf: (step: number) => string;
  onOpen: (step: number) => void;
}) {
  return (
    <nav aria-label="Interview progress">
      <p className="mb-3 text-sm text-slate-500">
        Step {step} of {LAST_STEP}
      </p>
      <ol className="space-y-1">
        {STEPS.map((entry) => {
          const answer = answerOf(catalogue, answers, entry.id);
          const isCurrent = entry.step === step;
          const content = (
            <>
              {entry.id === "review" ? (
                <span aria-hidden className="mr-2">
                  ✓
                </span>
              ) : (
                <span className="mr-2 tabular-nums">Q{entry.step}</span>
              )}{" "}
              {entry.label}
              {answer && <span className="block truncate text-xs opacity-80">{answer}</span>}
            </>
          );
          const base = "block rounded-md px-3 py-2 text-sm";
          return (
            <li key={entry.id} aria-current={isCurrent ? "step" : undefined}>
              {isCurrent ? (
                <span className={`${base} bg-indigo-600 font-medium text-white`}>{content}</span>
              ) : entry.step <= reachableUntil ? (
                <StepLink
                  href={hrefOf(entry.step)}
                  onOpen={() => onOpen(entry.step)}
                  className={`${base} text-slate-700 hover:bg-indigo-50 hover:text-indigo-800`}
                >
                  {content}
                </StepLink>
              ) : (
                // slate-500: 4.8:1 on white (slate-400 was 2.5:1, under WCAG AA).
                <span className={`${base} text-slate-500`}>{content}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
