import {
  CATEGORY_TITLES,
  choiceLabel,
  STACK_CATEGORIES,
  type Catalogue,
  type StackCategory,
} from "~/provisioning/stack";

/** The four choices of a stack as a compact definition list, with the catalogue's labels. */
export function StackSummary({
  stack,
  catalogue,
}: {
  stack: Record<StackCategory, string | null>;
  catalogue: Catalogue;
}) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {STACK_CATEGORIES.map((category) => {
        const slug = stack[category];
        return (
          <div key={category} className="rounded-md border border-slate-200 bg-white px-3 py-2">
            <dt className="text-xs tracking-wide text-slate-500 uppercase">{CATEGORY_TITLES[category]}</dt>
            <dd className="font-medium">{slug ? choiceLabel(catalogue, category, slug) : "—"}</dd>
          </div>
        );
      })}
    </dl>
  );
}
