import { CATEGORY_LABELS, NONE, STACK_CATEGORIES, type StackCategory } from "~/server/shared/stack";

/** The four choices of a stack as a compact definition list. */
export function StackSummary({ stack }: { stack: Record<StackCategory, string | null> }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {STACK_CATEGORIES.map((category) => (
        <div key={category} className="rounded-md border border-slate-200 bg-white px-3 py-2">
          <dt className="text-xs uppercase tracking-wide text-slate-500">{CATEGORY_LABELS[category]}</dt>
          <dd className="font-medium">{stack[category] === NONE ? "None" : (stack[category] ?? "—")}</dd>
        </div>
      ))}
    </dl>
  );
}
