import type { ComponentProps } from "react";

/**
 * A labelled input: the label names it for screen readers and for role-based selectors; an optional
 * hint (like a password's length) is tied to it with aria-describedby.
 */
export function TextField({
  label,
  id,
  hint,
  ...props
}: ComponentProps<"input"> & { label: string; id: string; hint?: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="min-h-11 w-full rounded-md border border-slate-300 px-3 py-2 focus:border-indigo-500"
        {...props}
      />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
    </div>
  );
}
