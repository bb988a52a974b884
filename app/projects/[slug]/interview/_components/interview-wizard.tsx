"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";
import { useRefreshProjectQueries } from "~/app/_trpc/project-queries";
import type { CredentialsDialog as CredentialsDialogType } from "~/app/_components/credentials-dialog";
import type { ProvisioningFailedDialog as ProvisioningFailedDialogType } from "./provisioning-failed-dialog";
import { categoryOfStep, LAST_STEP, STEPS } from "~/server/shared/interview-steps";
import type { Catalogue } from "~/provisioning/stack";
import type { RouterOutputs } from "~/app/_trpc/router-types";
import { ProjectQuestion } from "./project-question";
import { completeStack, ReviewStep } from "./review-step";
import { SavedStackNote } from "./saved-stack-note";
import { StackQuestion } from "./stack-question";
import { staleReason } from "./stack-choices";
import { InterviewProgress } from "./interview-progress";
import { useInterviewSteps, type SavedInterview } from "./use-interview-steps";
import { useHydrated } from "~/app/_components/use-hydrated";

// The dialogs that say how Save went are not in the interview's first load, which has a budget
// (bench:ui): they are fetched when the review step opens, well before Save is pressed. Not with
// next/dynamic, whose own code cost more than this saves, nor React's lazy, whose first render
// suspends even when the code is there, and React then holds the dialog back a few hundred ms.
type SaveDialogs = {
  CredentialsDialog: typeof CredentialsDialogType;
  ProvisioningFailedDialog: typeof ProvisioningFailedDialogType;
};
let saveDialogs: Promise<SaveDialogs> | null = null;
function loadSaveDialogs(): Promise<SaveDialogs> {
  saveDialogs ??= Promise.all([
    import("~/app/_components/credentials-dialog"),
    import("./provisioning-failed-dialog"),
  ]).then(([credentials, failed]) => ({
    CredentialsDialog: credentials.CredentialsDialog,
    ProvisioningFailedDialog: failed.ProvisioningFailedDialog,
  }));
  // A failed fetch (the network) is tried again at the next call.
  saveDialogs.catch(() => (saveDialogs = null));
  return saveDialogs;
}

/**
 * The interview: the progress list, the step shown (a question or the review) with Back and Next,
 * and Save on the review, whose result is said here in a dialog. Which step is shown and what is
 * saved is the step machine's job (use-interview-steps.ts).
 */
export function InterviewWizard({
  slug,
  initial,
  catalogue,
}: {
  slug: string;
  initial: SavedInterview;
  catalogue: Catalogue;
}) {
  const hydrated = useHydrated();
  const trpc = useTRPC();
  const router = useRouter();
  const {
    hasSavedStack,
    step,
    answers,
    setAnswers,
    headingRef,
    reachableUntil,
    hrefOf,
    goTo,
    choose,
    clientError,
    setClientError,
    saveError,
    isSaving,
  } = useInterviewSteps({ slug, initial });
  const [saved, setSaved] = useState<RouterOutputs["interview"]["saveStack"] | null>(null);
  const [dialogs, setDialogs] = useState<SaveDialogs | null>(null);

  const refreshProject = useRefreshProjectQueries();
  const saveStack = useMutation(
    trpc.interview.saveStack.mutationOptions({
      // Success or failure, the result is said here, in a dialog; the queries the save changed are
      // refetched meanwhile, so the project page opened next shows this run on its first paint.
      onSuccess: (result) => {
        void loadSaveDialogs().then((loaded) => {
          setDialogs(loaded);
          setSaved(result);
        });
        void refreshProject(slug);
      },
    }),
  );

  async function openProjectPage() {
    await refreshProject(slug);
    router.push(`/projects/${slug}`);
  }

  const category = categoryOfStep(step);
  useEffect(() => {
    if (step === LAST_STEP) loadSaveDialogs().catch(() => undefined);
  }, [step]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (step < LAST_STEP) {
      if (category && !answers[category])
        return setClientError(`Choose a ${STEPS[step - 1]!.label.toLowerCase()}, or None.`);
      const stale = category && staleReason(catalogue, answers, category);
      if (stale) return setClientError(stale);
      return void goTo(step + 1);
    }
    const stack = completeStack(catalogue, answers);
    if (!stack) return setClientError("An answer no longer fits the others: change it, then save.");
    setClientError(null);
    saveStack.mutate({ interviewId: initial.id, stack });
  }

  const error =
    clientError ??
    (saveError ? errorMessage(saveError) : null) ??
    (saveStack.error ? errorMessage(saveStack.error) : null);
  const isBusy = isSaving || saveStack.isPending;

  return (
    <div className="grid grid-cols-1 gap-8 lg:grid-cols-[14rem_minmax(0,1fr)]">
      <InterviewProgress
        step={step}
        reachableUntil={reachableUntil}
        answers={answers}
        catalogue={catalogue}
        hrefOf={hrefOf}
        onOpen={(target) => void goTo(target)}
      />

      <form
        onSubmit={onSubmit}
        noValidate
        className="space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
      >
        <h2
          ref={headingRef}
          tabIndex={-1}
          data-navigation-focus
          className="text-xl font-semibold outline-none"
        >
          {STEPS[step - 1]!.title}
        </h2>

        {step === 1 && (
          <ProjectQuestion
            slug={slug}
            answers={answers}
            onChange={(changes) => setAnswers({ ...answers, ...changes })}
          />
        )}
        {category && (
          <StackQuestion category={category} answers={answers} catalogue={catalogue} onChoose={choose} />
        )}
        {step === LAST_STEP && (
          <ReviewStep
            interviewId={initial.id}
            answers={answers}
            catalogue={catalogue}
            hrefOf={hrefOf}
            onOpen={(target) => void goTo(target)}
          />
        )}
        {hasSavedStack && step > 1 && <SavedStackNote />}
        {error && <Alert tone="error">{error}</Alert>}
        {saveStack.isPending && <Alert tone="info">Saving the stack and provisioning the project…</Alert>}

        <div className="flex items-center justify-between border-t border-slate-100 pt-4">
          <Button
            type="button"
            variant="secondary"
            disabled={step === 1 || isBusy}
            onClick={() => void goTo(step - 1)}
          >
            Back
          </Button>
          <Button type="submit" disabled={isBusy || !hydrated}>
            {step < LAST_STEP ? "Next" : saveStack.isPending ? "Saving…" : "Save"}
          </Button>
        </div>
      </form>

      {dialogs && saved?.provisioning.credentials && (
        <dialogs.CredentialsDialog
          slug={slug}
          credentials={saved.provisioning.credentials}
          nextSteps={saved.provisioning.nextSteps}
          projectPath={saved.provisioning.projectPath}
          filesKeptAsNew={saved.provisioning.filesKeptAsNew}
          onClose={() => void openProjectPage()}
        />
      )}
      {dialogs && saved?.provisioning.failure && (
        <dialogs.ProvisioningFailedDialog
          attempt={saved.provisioning.attempt}
          failure={saved.provisioning.failure}
          onOpenProject={() => void openProjectPage()}
          onClose={() => setSaved(null)}
        />
      )}
    </div>
  );
}
