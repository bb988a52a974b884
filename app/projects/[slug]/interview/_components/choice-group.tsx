"use client";

import { useRef, type KeyboardEvent } from "react";
import type { CatalogueChoice } from "~/provisioning/stack";

export type Choice = CatalogueChoice & { disabledReason: string | null };

/**
 * One question's choices as a radio group: arrow keys move between enabled options, each option is a
 * labelled radio, and a disabled option says why it is disabled. `onChange` says whether the choice
 * was made with a pointer (a click or tap: the wizard then moves on, even when the option was already
 * chosen) or with the keyboard (arrows only select; Enter goes on, as the form's Next button does).
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
  onChange: (slug: string, isPointer: boolean) => void;
}) {
  const isPointer = useRef(false);
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    isPointer.current = false;
    if (event.key === "Enter") {
      event.preventDefault();
      event.currentTarget.closest("form")?.requestSubmit();
    }
  }
  return (
    <fieldset className="space-y-3">
      <legend className="mb-3 text-lg font-medium">{legend}</legend>
      <div
        role="radiogroup"
        aria-label={legend}
        className="grid gap-3 sm:grid-cols-2"
        onPointerDown={() => (isPointer.current = true)}
        onKeyDown={onKeyDown}
      >
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
                onChange={() => onChange(choice.slug, isPointer.current)}
                // A click on the option already chosen changes nothing, but still means "this one".
                onClick={() => {
                  if (isChecked && isPointer.current) onChange(choice.slug, true);
                }}
                aria-describedby={`${id}-description`}
                className="mt-1 accent-indigo-600"
              />
              <span>
                <span className="block font-medium">{choice.label}</span>
                <span id={`${id}-description`} className="block text-sm">
                  {isDisabled ? (
                    <span className="text-amber-700">Not available: {choice.disabledReason}</span>
                  ) : (
                    choice.description
                  )}
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
