"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { errorMessage } from "~/app/_trpc/error-message";
import { useTRPC } from "~/app/_trpc/client";
import { PROJECT_NAME_MAX, slugify } from "~/server/shared/project-naming";
import { useHydrated } from "~/app/_components/use-hydrated";
import type { PartialStack } from "~/provisioning/stack";

/** What a shared link proposes, already worded by the page (labels, reasons). */
export type SharedStackSummary = {
  chosen: PartialStack;
  chosenLabels: { title: string; label: string }[];
  unavailable: { title: string; value: string; reason: string }[];
  ignoredKeys: string[];
};

export function NewProjectForm({ shared }: { shared?: SharedStackSummary }) {
  const hydrated = useHydrated();
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  // The look-alike check asks the server once the typing pauses, not on every key.
  const [settledName, setSettledName] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setSettledName(name.trim()), 300);
    return () => clearTimeout(timer);
  }, [name]);
  const lookalike = useQuery(
    trpc.project.lookalike.queryOptions(
      { name: settledName },
      { enabled: settledName.length > 0 && settledName.length <= PROJECT_NAME_MAX },
    ),
  );
  const similar = settledName === name.trim() ? lookalike.data : null;
  const create = useMutation(
    trpc.project.create.mutationOptions({
      onSuccess: (project) => router.push(`/projects/${project.slug}/interview`),
    }),
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    // The server checks the name with the schema it keeps, and refuses it with the same sentence;
    // checking here too would put zod in this page's first load (bench:ui).
    const stack = shared && Object.keys(shared.chosen).length > 0 ? shared.chosen : undefined;
    create.mutate({ name: name.trim(), description: description.trim(), stack });
  }

  const error = create.error ? errorMessage(create.error) : null;
  const slug = slugify(name);

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <div className="space-y-1">
        <label htmlFor="project-name" className="block text-sm font-medium">
          Project name
        </label>
        <input
          id="project-name"
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={PROJECT_NAME_MAX + 20}
          aria-invalid={error ? true : undefined}
          aria-describedby="project-name-hint"
          className="min-h-11 w-full rounded-md border border-slate-300 px-3 py-2 focus:border-indigo-500"
          autoFocus
        />
        <p id="project-name-hint" className="text-xs text-slate-500">
          {slug ? (
            <>
              Folder: <span className="font-mono">projects/{slug}</span>
            </>
          ) : (
            `1 to ${PROJECT_NAME_MAX} characters, with at least one letter or digit.`
          )}
        </p>
      </div>
      <div className="space-y-1">
        <label htmlFor="project-description" className="block text-sm font-medium">
          Description <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <textarea
          id="project-description"
          name="description"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          rows={3}
          className="min-h-11 w-full rounded-md border border-slate-300 px-3 py-2 focus:border-indigo-500"
        />
      </div>
      {shared && <SharedStackPanel shared={shared} />}
      {similar && (
        <Alert tone="warning" title="This name looks like another project's">
          &ldquo;{name.trim()}&rdquo; can hardly be told apart from the existing project &ldquo;{similar.name}
          &rdquo; (projects/{similar.slug}). Choose a name people can tell apart, or create it anyway.
        </Alert>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      <Button type="submit" disabled={create.isPending || !hydrated}>
        {create.isPending ? "Creating…" : "Create project"}
      </Button>
    </form>
  );
}

/** The answers a shared link proposes, what it names that cannot be chosen, and what it ignored. */
function SharedStackPanel({ shared }: { shared: SharedStackSummary }) {
  return (
    <section
      aria-labelledby="shared-stack-heading"
      className="space-y-2 rounded-md border border-slate-200 p-4 text-sm"
    >
      <h2 id="shared-stack-heading" className="font-medium">
        From a shared link
      </h2>
      {shared.chosenLabels.length > 0 ? (
        <>
          <p className="text-slate-600">
            These answers will be chosen in the interview, for you to check before Save:
          </p>
          <ul aria-label="Proposed answers" className="list-disc pl-5">
            {shared.chosenLabels.map((answer) => (
              <li key={answer.title}>
                {answer.title}: {answer.label}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="text-slate-600">The link proposes no answer that can be chosen today.</p>
      )}
      {shared.unavailable.length > 0 && (
        <Alert tone="warning" title="Not available">
          <ul aria-label="Answers that cannot be chosen" className="list-disc space-y-1 pl-5">
            {shared.unavailable.map((entry) => (
              <li key={entry.title}>
                {entry.title} &ldquo;{entry.value}&rdquo;: {entry.reason} You choose it in the interview.
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {shared.ignoredKeys.length > 0 && (
        <p className="text-slate-600">Ignored, not part of a stack: {shared.ignoredKeys.join(", ")}.</p>
      )}
    </section>
  );
}
