"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState, type FormEvent } from "react";
import { CredentialsDialog } from "~/app/_components/credentials-dialog";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";
import { useRefreshProjectQueries } from "~/app/_trpc/project-queries";
import { categoryOfStep, LAST_STEP, QUESTIONS, type InterviewAnswers } from "~/server/shared/interview";
import { PROJECT_DESCRIPTION_MAX, projectDescriptionSchema, projectNameSchema } from "~/server/shared/project";
import {
  CATEGORY_LABELS,
  CATEGORY_TITLES,
  choiceLabel,
  NONE,
  reasonChoiceIsDisabled,
  STACK_CATEGORIES,
  type Catalogue,
  type PartialStack,
  type StackCategory,
} from "~/server/shared/stack";
import type { RouterOutputs } from "~/app/_trpc/router-types";
import { ChoiceGroup, type Choice } from "./choice-group";
import { ProvisioningFailedDialog } from "./provisioning-failed-dialog";
import { StackVerification } from "./stack-verification";

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

export function InterviewWizard({
  slug,
  interviewId,
  initialStep,
  initialAnswers,
  catalogue,
  hasSavedStack,
}: {
  slug: string;
  interviewId: string;
  initialStep: number;
  initialAnswers: InterviewAnswers;
  catalogue: Catalogue;
  /** The stack was saved (and provisioned) before: changing it affects a project that may be set up. */
  hasSavedStack: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [step, setStep] = useState(Math.min(Math.max(initialStep, 1), LAST_STEP));
  const [answers, setAnswers] = useState<InterviewAnswers>(initialAnswers);
  const [clientError, setClientError] = useState<string | null>(null);
  const [saved, setSaved] = useState<RouterOutputs["interview"]["saveStack"] | null>(null);

  const refreshProject = useRefreshProjectQueries();
  const saveAnswers = useMutation(trpc.interview.saveAnswers.mutationOptions());
  const saveStack = useMutation(
    trpc.interview.saveStack.mutationOptions({
      // Success or failure, the result is said here, in a dialog; the queries the save changed are
      // refetched meanwhile, so the project page opened next shows this run on its first paint.
      onSuccess: (result) => {
        setSaved(result);
        void refreshProject(slug);
      },
    }),
  );

  async function openProjectPage() {
    await refreshProject(slug);
    router.push(`/projects/${slug}`);
  }

  const question = QUESTIONS[step - 1]!;
  const category = categoryOfStep(step);

  const choices: Choice[] = useMemo(() => {
    if (!category) return [];
    const earlier = earlierAnswers(answers, category);
    const options = [
      ...catalogue.technologies[category],
      { slug: NONE, label: "None", description: NONE_DESCRIPTIONS[category] },
    ];
    return options.map((option) => ({
      ...option,
      disabledReason: reasonChoiceIsDisabled(catalogue.rules, earlier, category, option.slug),
    }));
  }, [answers, catalogue, category]);

  const currentAnswer = category ? answers[category] : undefined;
  const staleReason = choices.find((choice) => choice.slug === currentAnswer)?.disabledReason ?? null;

  function goTo(nextStep: number, changed: InterviewAnswers) {
    setClientError(null);
    saveAnswers.mutate(
      { interviewId, currentStep: nextStep, answers: changed },
      {
        onSuccess: () => {
          setStep(nextStep);
          headingRef.current?.focus();
        },
      },
    );
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (step === 1) {
      const parsed = projectNameSchema.safeParse(answers.name ?? "");
      if (!parsed.success) return setClientError(parsed.error.issues[0]?.message ?? "Check the name.");
      return goTo(2, { name: parsed.data });
    }
    if (step === 2) {
      const parsed = projectDescriptionSchema.safeParse(answers.description ?? "");
      if (!parsed.success) return setClientError(parsed.error.issues[0]?.message ?? "Check the description.");
      return goTo(3, { description: parsed.data });
    }
    if (!category || !currentAnswer) return setClientError(`Choose a ${CATEGORY_LABELS[category ?? "backend"]}, or None.`);
    if (staleReason) return setClientError(staleReason);
    if (step < LAST_STEP) return goTo(step + 1, { [category]: currentAnswer });
    setClientError(null);
    saveStack.mutate({
      interviewId,
      stack: {
        backend: answers.backend ?? "",
        database: answers.database ?? "",
        frontend: answers.frontend ?? "",
        css: answers.css ?? "",
      },
    });
  }

  const error =
    clientError ??
    (saveAnswers.error ? errorMessage(saveAnswers.error) : null) ??
    (saveStack.error ? errorMessage(saveStack.error) : null);
  const isBusy = saveAnswers.isPending || saveStack.isPending;

  return (
    <div className="grid gap-8 lg:grid-cols-[14rem_1fr]">
      <nav aria-label="Interview progress">
        <p className="mb-3 text-sm text-slate-500">
          Step {step} of {LAST_STEP}
        </p>
        <ol className="space-y-1">
          {QUESTIONS.map((q) => {
            const answer = answers[q.id];
            return (
              <li
                key={q.id}
                aria-current={q.step === step ? "step" : undefined}
                className={`rounded-md px-3 py-2 text-sm ${
                  q.step === step
                    ? "bg-indigo-600 font-medium text-white"
                    : q.step < step
                      ? "text-slate-700"
                      : "text-slate-400"
                }`}
              >
                <span className="mr-2 tabular-nums">Q{q.step}</span>
                {q.id === "name" ? "Name" : q.id === "description" ? "Description" : CATEGORY_TITLES[q.id]}
                {q.step < step && answer && q.id !== "description" && (
                  <span className="block truncate text-xs text-slate-500">
                    {q.id === "name" ? answer : choiceLabel(catalogue, q.id, answer)}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      </nav>

      <form onSubmit={onSubmit} noValidate className="space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 ref={headingRef} tabIndex={-1} className="text-xl font-semibold outline-none">
          {question.title}
        </h2>

        {step === 1 && (
          <div className="space-y-1">
            <label htmlFor="answer-name" className="block text-sm font-medium">
              Project name
            </label>
            <input
              id="answer-name"
              value={answers.name ?? ""}
              onChange={(event) => setAnswers({ ...answers, name: event.target.value })}
              className="w-full rounded-md border border-slate-300 px-3 py-2"
            />
            <p className="text-xs text-slate-500">The folder name stays projects/{slug}.</p>
          </div>
        )}
        {step === 2 && (
          <div className="space-y-1">
            <label htmlFor="answer-description" className="block text-sm font-medium">
              Description
            </label>
            <textarea
              id="answer-description"
              rows={4}
              maxLength={PROJECT_DESCRIPTION_MAX}
              value={answers.description ?? ""}
              onChange={(event) => setAnswers({ ...answers, description: event.target.value })}
              className="w-full rounded-md border border-slate-300 px-3 py-2"
            />
          </div>
        )}
        {category && (
          <ChoiceGroup
            name={category}
            legend={`Choose the ${CATEGORY_LABELS[category]}`}
            choices={choices}
            value={currentAnswer}
            onChange={(slugChoice) => {
              setClientError(null);
              setAnswers({ ...answers, [category]: slugChoice });
            }}
          />
        )}
        {category && hasSavedStack && (
          <p className="rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700">
            <span className="font-medium">Changing a saved stack:</span> saving re-provisions Launchpad&rsquo;s
            files. Code already in <code>backend/app</code> or <code>frontend/app</code> stays as it is: a new
            framework is created by <code>./setup.sh</code> only into an empty app folder, so move the old one
            away first. A new database keeps its data in a volume of its own (the project&rsquo;s README says
            how to remove the old one).
          </p>
        )}
        {step === LAST_STEP && currentAnswer && !staleReason && (
          <StackVerification
            stack={{
              backend: answers.backend ?? NONE,
              database: answers.database ?? NONE,
              frontend: answers.frontend ?? NONE,
              css: currentAnswer,
            }}
          />
        )}
        {staleReason && (
          <Alert tone="error" title="An earlier answer changed">
            Your choice &ldquo;{choiceLabel(catalogue, category ?? "backend", currentAnswer ?? "")}&rdquo; no longer fits: {staleReason} Choose another option.
          </Alert>
        )}
        {error && !staleReason && <Alert tone="error">{error}</Alert>}
        {saveStack.isPending && (
          <Alert tone="info">Saving the stack and provisioning the project…</Alert>
        )}

        <div className="flex items-center justify-between border-t border-slate-100 pt-4">
          <Button
            type="button"
            variant="secondary"
            disabled={step === 1 || isBusy}
            onClick={() => goTo(step - 1, {})}
          >
            Back
          </Button>
          <Button type="submit" disabled={isBusy}>
            {step < LAST_STEP ? "Next" : saveStack.isPending ? "Saving…" : "Save"}
          </Button>
        </div>
      </form>

      {saved?.provisioning.credentials && (
        <CredentialsDialog
          slug={slug}
          credentials={saved.provisioning.credentials}
          nextSteps={saved.provisioning.nextSteps}
          projectPath={saved.provisioning.projectPath}
          onClose={() => void openProjectPage()}
        />
      )}
      {saved?.provisioning.failure && (
        <ProvisioningFailedDialog
          attempt={saved.provisioning.attempt}
          failure={saved.provisioning.failure}
          onOpenProject={() => void openProjectPage()}
          onClose={() => setSaved(null)}
        />
      )}
    </div>
  );
}
