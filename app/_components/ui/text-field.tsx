import type { InputHTMLAttributes } from "react";

/** A labelled input: the label names it for screen readers and for role-based selectors. */
export function TextField({
  label,
  id,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; id: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        className="w-full rounded-md border border-slate-300 px-3 py-2 focus:border-indigo-500"
        {...props}
      />
    </div>
  );
}
