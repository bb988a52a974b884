"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTRPC } from "~/app/_trpc/client";
import type { RouterOutputs } from "~/app/_trpc/router-types";
import type { InterviewAnswers } from "~/server/shared/interview";
import { categoryOfStep, LAST_STEP, STEPS, stepOfId } from "~/server/shared/interview-steps";
import { STACK_CATEGORIES } from "~/provisioning/stack";

export type SavedInterview = RouterOutputs["interview"]["get"];

/** The first step still unanswered (the review when all are): no step after it can be opened. */
export function firstOpenStep(answers: InterviewAnswers): number {
  if (!answers.name) return 1;
  const missing = STACK_CATEGORIES.findIndex((category) => !answers[category]);
  return missing === -1 ? LAST_STEP : 2 + missing;
}

/** The project step's fields as they would be saved, or the first message that says what to fix. */
export function parseProjectAnswers(answers: InterviewAnswers): { ok: true; changes: InterviewAnswers } {
  // Checked by the server, with the same schema as the new-project form, and refused there with the
  // same sentence: validating here too would put zod in the wizard's first load (bench:ui).
  return {
    ok: true,
    changes: { name: answers.name?.trim() ?? "", description: answers.description?.trim() ?? "" },
  };
}

const hrefOf = (step: number) => `?step=${STEPS[step - 1]!.id}`;

/**
 * The interview's step machine. The URL says which step is shown (`?step=backend`), so browser Back
 * and Forward move between steps and a reload stays where it was; without one, the saved
 * `currentStep` does. A step past the first unanswered one cannot be shown. Every answer is saved
 * as it is given (choices at once, the project's fields when the step is left), one save after the
 * other, so what is shown is what a reload shows.
 *
 * The answers start from the newer of the server's render and this browser's cache of
 * `interview.get`: after browser Back, Next.js shows the page's first render again, whose answers
 * are older than those saved since.
 */
export function useInterviewSteps({ slug, initial }: { slug: string; initial: SavedInterview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queryKey = trpc.interview.get.queryKey({ slug });
  const { data: cached } = useQuery(
    trpc.interview.get.queryOptions({ slug }, { initialData: initial, staleTime: Infinity }),
  );
  const [start] = useState(() =>
    cached.updatedAt.getTime() > initial.updatedAt.getTime() ? cached : initial,
  );
  const [answers, setAnswers] = useState<InterviewAnswers>(start.answers);
  const [clientError, setClientError] = useState<string | null>(null);

  const searchParams = useSearchParams();
  const requested = stepOfId(searchParams.get("step")) ?? Math.min(Math.max(start.currentStep, 1), LAST_STEP);
  const step = Math.min(requested, firstOpenStep(answers));

  const saveAnswers = useMutation(
    trpc.interview.saveAnswers.mutationOptions({
      onSuccess: (result) => queryClient.setQueryData(queryKey, (old) => old && { ...old, ...result }),
    }),
  );
  const { mutateAsync } = saveAnswers;
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const persistedStep = useRef(start.currentStep);
  /** Saves answers and the step shown, after any save still on its way (the server merges them in order). */
  const persist = useCallback(
    (changes: InterviewAnswers, currentStep: number) => {
      persistedStep.current = currentStep;
      const run = queue.current
        .catch(() => undefined)
        .then(() => mutateAsync({ interviewId: initial.id, currentStep, answers: changes }));
      queue.current = run;
      return run;
    },
    [mutateAsync, initial.id],
  );

  /** What leaving the current step saves: its answer as it stands (Back keeps it too). */
  const leavingChanges = useCallback((): InterviewAnswers | string => {
    if (step === 1) {
      return parseProjectAnswers(answers).changes;
    }
    const category = categoryOfStep(step);
    const answer = category ? answers[category] : undefined;
    return category && answer ? { [category]: answer } : {};
  }, [answers, step]);

  /** Saves the current step's answer with `target` as the step, then shows it as a new history entry. */
  async function goTo(target: number, extra: InterviewAnswers = {}) {
    const changes = leavingChanges();
    if (typeof changes === "string") return setClientError(changes);
    setClientError(null);
    try {
      await persist({ ...changes, ...extra }, target);
    } catch {
      return; // saveAnswers.error says why
    }
    window.history.pushState(null, "", hrefOf(target));
  }

  /** A stack answer: saved at once; a pointer pick also moves on, keyboard arrows only select. */
  function choose(slug: string, advance: boolean) {
    const category = categoryOfStep(step);
    if (!category) return;
    setClientError(null);
    setAnswers({ ...answers, [category]: slug });
    if (advance) {
      const target = Math.min(step + 1, LAST_STEP);
      persist({ [category]: slug }, target).then(
        () => window.history.pushState(null, "", hrefOf(target)),
        () => undefined, // saveAnswers.error says why
      );
    } else {
      persist({ [category]: slug }, step).catch(() => undefined);
    }
  }

  // A URL without a step (the project page's "Continue the interview") names the step it shows, so
  // that Back from the next step returns to it rather than to "wherever the interview was saved".
  useEffect(() => {
    const id = STEPS[step - 1]!.id;
    if (searchParams.get("step") !== id) window.history.replaceState(null, "", hrefOf(step));
  }, [searchParams, step]);

  // Browser Back and Forward change the step without goTo: the step shown is saved as the current
  // one, with what the step left would have saved (as it was when it was left, hence the ref).
  const headingRef = useRef<HTMLHeadingElement>(null);
  const leavingChangesRef = useRef<InterviewAnswers | string>({});
  const shownStep = useRef(step);
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    headingRef.current?.focus();
    if (persistedStep.current !== step) {
      const changes = leavingChangesRef.current;
      persist(typeof changes === "string" ? {} : changes, step).catch(() => undefined);
    }
  }, [step, persist]);
  useEffect(() => {
    leavingChangesRef.current = leavingChanges();
  });

  return {
    /** The stack was saved (and provisioned) before: changing it affects a project that may be set up. */
    hasSavedStack: start.stackSavedAt !== null,
    step,
    answers,
    setAnswers,
    headingRef,
    reachableUntil: firstOpenStep(answers),
    hrefOf,
    goTo,
    choose,
    clientError,
    setClientError,
    saveError: saveAnswers.error,
    isSaving: saveAnswers.isPending,
  };
}
