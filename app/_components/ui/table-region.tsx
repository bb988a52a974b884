import type { ReactNode } from "react";

/**
 * The box around a wide table: it scrolls sideways on a phone instead of widening the page, and is a
 * focusable, labelled region so that a keyboard can scroll it. `relative` keeps the table's visually
 * hidden caption (positioned absolutely) inside the box: without it the caption widened the page.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div
      className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white"
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      {children}
    </div>
  );
}
