"use client";

import { useState, type ComponentType } from "react";
import type { InterviewAnswers } from "~/server/shared/interview";
import { STEPS } from "~/server/shared/interview-steps";
import {
  CATEGORY_LABELS,
  CATEGORY_TITLES,
  choiceLabel,
  STACK_CATEGORIES,
  type Catalogue,
  type Stack,
} from "~/provisioning/stack";
import { CopyButton } from "~/app/_components/copy-button";
import { sharedStackHref } from "~/provisioning/shared-stack-link";
import { staleReason } from "./stack-choices";
import { StackVerification } from "../../_components/stack-verification";
import { StepLink } from "./step-link";
import { Button } from "~/app/_components/ui/button";
import { Alert } from "~/app/_components/ui/alert";

type FilePreviewComponent = ComponentType<{ interviewId: string; stack: Stack }>;

type Row = { step: number; title: string; what: string; value: string; problem: string | null };

function rowsOf(catalogue: Catalogue, answers: InterviewAnswers): Row[] {
  const project = STEPS[0].step;
  return [
    { step: project, title: "Name", what: "the name", value: answers.name ?? "", problem: null },
    {
      step: project,
      title: "Description",
      what: "the description",
      value: answers.description || "—",
      problem: null,
    },
    ...STACK_CATEGORIES.map((category, index) => {
      const slug = answers[category];
      return {
        step: project + 1 + index,
        title: CATEGORY_TITLES[category],
        what: `the ${CATEGORY_LABELS[category]}`,
        value: slug ? choiceLabel(catalogue, category, slug) : "—",
        problem: staleReason(catalogue, answers, category),
      };
    }),
  ];
}

/** The stack the answers make, once every one is given and none is ruled out by another. */
export function completeStack(catalogue: Catalogue, answers: InterviewAnswers): Stack | null {
  const stack: Partial<Stack> = {};
  for (const category of STACK_CATEGORIES) {
    const slug = answers[category];
    if (!slug || staleReason(catalogue, answers, category)) return null;
    stack[category] = slug;
  }
  return stack as Stack;
}

/**
 * The last step: every answer, each with a link back to its step, and the check note of the chosen
 * stack; the wizard puts Save below it. The file preview is loaded on demand below the answers (with
 * `import()`, as the wizard's Save dialogs are), so the interview's first load stays as small as it is.
 */
export function ReviewStep({
  interviewId,
  answers,
  catalogue,
  hrefOf,
  onOpen,
}: {
  interviewId: string;
  answers: InterviewAnswers;
  catalogue: Catalogue;
  hrefOf: (step: number) => string;
  onOpen: (step: number) => void;
}) {
  const stack = completeStack(catalogue, answers);
  const [preview, setPreview] = useState<{ Component: FilePreviewComponent } | "loading" | "failed" | null>(
    null,
  );
  const showPreview = () => {
    setPreview("loading");
    import("./file-preview").then(
      (loaded) => setPreview({ Component: loaded.FilePreview }),
      () => setPreview("failed"),
    );
  };
  return (
    <div className="space-y-4">
      <dl className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {rowsOf(catalogue, answers).map((row) => (
          <div key={row.title} className="flex items-start gap-4 px-4 py-2">
            <dt className="w-28 shrink-0 text-sm text-slate-500">{row.title}</dt>
            <dd className="min-w-0 flex-1 font-medium break-words">
              {row.value}
              {row.problem && (
                <span className="block text-sm font-normal text-rose-700">No longer fits: {row.problem}</span>
              )}
            </dd>
            <dd className="shrink-0">
              <StepLink
                href={hrefOf(row.step)}
                onOpen={() => onOpen(row.step)}
                className="text-sm font-medium text-indigo-700 hover:underline"
              >
                Change<span className="sr-only"> {row.what}</span>
              </StepLink>
            </dd>
          </div>
        ))}
      </dl>
      {stack && (
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span>A link with these four answers starts a new project with them chosen:</span>
          <CopyButton
            value={() => Promise.resolve(new URL(sharedStackHref(stack), window.location.origin).href)}
            label="Copy link to this stack"
            text="Copy link"
          />
        </p>
      )}
      {stack && <StackVerification stack={stack} />}
      {stack && (preview === null || preview === "failed") && (
        <div className="space-y-2">
          <Button type="button" variant="secondary" onClick={showPreview}>
            Preview files
          </Button>
          {preview === "failed" && (
            <Alert tone="error">
              The preview could not be loaded (the network?). Press Preview files again.
            </Alert>
          )}
        </div>
      )}
      {stack && preview === "loading" && <Alert tone="info">Loading the preview…</Alert>}
      {stack && typeof preview === "object" && preview !== null && (
        <preview.Component interviewId={interviewId} stack={stack} />
      )}
    </div>
  );
}
