"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/app/_trpc/client";
import type { Stack } from "~/provisioning/stack";

/** Green where a run proved it, amber where a run failed, quiet where nothing is wrong. */
const TONE = {
  docker: "border-emerald-200 bg-emerald-50 text-emerald-900",
  native: "border-emerald-200 bg-emerald-50 text-emerald-900",
  parts: "border-emerald-200 bg-emerald-50 text-emerald-900",
  failed: "border-amber-200 bg-amber-50 text-amber-900",
  static: "border-slate-200 bg-slate-50 text-slate-800",
  stale: "border-slate-200 bg-slate-50 text-slate-800",
  unchecked: "border-slate-200 bg-slate-50 text-slate-800",
} as const;

/**
 * What Launchpad knows of a stack, in plain words: on the wizard's review before Save, and on the
 * project page for the saved stack. Information only: it never blocks saving.
 */
export function StackVerification({ stack }: { stack: Stack }) {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.catalogue.verification.queryOptions(stack, { staleTime: Infinity }));
  if (!data) return null;
  return (
    <div
      data-testid="stack-verification"
      data-state={data.state}
      className={`rounded-md border px-4 py-3 text-sm ${TONE[data.state]}`}
    >
      <p>
        <span className="font-medium">What Launchpad knows of this stack:</span> {data.headline}
      </p>
      {data.details.length > 0 && (
        <details className="mt-1">
          <summary className="flex min-h-11 cursor-pointer items-center underline">Details</summary>
          <ul className="mt-1 list-disc pl-5">
            {data.details.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
