"use client";

import type { InterviewAnswers } from "~/server/shared/interview";
import { PROJECT_DESCRIPTION_MAX } from "~/server/shared/project-naming";

/**
 * Step 1: the project's name and description. Both are asked on the new-project form, so a new
 * project starts at step 2; this step is where they are changed later.
 */
export function ProjectQuestion({
  slug,
  answers,
  onChange,
}: {
  slug: string;
  answers: InterviewAnswers;
  onChange: (changes: InterviewAnswers) => void;
}) {
  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <label htmlFor="answer-name" className="block text-sm font-medium">
          Project name
        </label>
        <input
          id="answer-name"
          value={answers.name ?? ""}
          onChange={(event) => onChange({ name: event.target.value })}
          aria-describedby="answer-name-hint"
          className="w-full rounded-md border border-slate-300 px-3 py-2"
        />
        <p id="answer-name-hint" className="text-xs text-slate-500">
          The folder name stays projects/{slug}.
        </p>
      </div>
      <div className="space-y-1">
        <label htmlFor="answer-description" className="block text-sm font-medium">
          Description <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <textarea
          id="answer-description"
          rows={4}
          maxLength={PROJECT_DESCRIPTION_MAX}
          value={answers.description ?? ""}
          onChange={(event) => onChange({ description: event.target.value })}
          className="w-full rounded-md border border-slate-300 px-3 py-2"
        />
      </div>
    </div>
  );
}
