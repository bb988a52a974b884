"use client";

import type { CatalogueChoice } from "~/server/shared/stack";

export type Choice = CatalogueChoice & { disabledReason: string | null };

/**
 * One question's choices as a radio group: arrow keys move between enabled options, each option is a
 * labelled radio, and a disabled option says why it is disabled.
 */
export function ChoiceGroup({
  name,
  legend,
  choices,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  choices: Choice[];
  value: string | undefined;
  onChange: (slug: string) => void;
}) {
  return (
    <fieldset className="space-y-3">
      <legend className="mb-3 text-lg font-medium">{legend}</legend>
      <div role="radiogroup" aria-label={legend} className="grid gap-3 sm:grid-cols-2">
        {choices.map((choice) => {
          const id = `${name}-${choice.slug}`;
          const isDisabled = choice.disabledReason !== null;
          const isChecked = value === choice.slug;
          return (
            <label
              key={choice.slug}
              htmlFor={id}
              className={`flex gap-3 rounded-lg border p-4 transition ${
                isDisabled
                  ? "cursor-not-allowed border-slate-200 bg-slate-50 text-slate-400"
                  : isChecked
                    ? "cursor-pointer border-indigo-500 bg-indigo-50 ring-1 ring-indigo-500"
                    : "cursor-pointer border-slate-200 bg-white hover:border-indigo-300"
              }`}
            >
              <input
                id={id}
                type="radio"
                name={name}
                value={choice.slug}
                checked={isChecked}
                disabled={isDisabled}
                onChange={() => onChange(choice.slug)}
                aria-describedby={`${id}-description`}
                className="mt-1 accent-indigo-600"
              />
              <span>
                <span className="block font-medium">{choice.label}</span>
                <span id={`${id}-description`} className="block text-sm">
                  {isDisabled ? <span className="text-amber-700">Not available: {choice.disabledReason}</span> : choice.description}
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
