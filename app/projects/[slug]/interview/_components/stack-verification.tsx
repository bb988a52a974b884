"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/app/_trpc/client";
import type { Stack } from "~/provisioning/stack";

/**
 * Before Save: what Launchpad's own checks (verify:stacks) proved of the chosen stack, or that it
 * was not checked with the current versions. Information only: it never blocks saving.
 */
export function StackVerification({ stack }: { stack: Stack }) {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.catalogue.verification.queryOptions(stack, { staleTime: Infinity }));
  if (!data) return null;
  const tone =
    data.status === "current" && data.record?.outcome === "proven"
      ? "border-emerald-200 bg-emerald-50 text-emerald-900"
      : "border-amber-200 bg-amber-50 text-amber-900";
  return (
    <div data-testid="stack-verification" className={`rounded-md border px-4 py-3 text-sm ${tone}`}>
      <p>
        <span className="font-medium">Checked by Launchpad:</span> {data.message}
        {data.record?.reason ? ` (${data.record.reason})` : ""}
      </p>
      {data.status === "current" && data.record && data.record.proven.length > 0 && (
        <details className="mt-1">
          <summary className="cursor-pointer">What was proven</summary>
          <ul className="mt-1 list-disc pl-5">
            {data.record.proven.map((item) => (
              <li key={item}>{item}</li>
            ))}
            {data.record.standIns.map((item) => (
              <li key={item}>Stand-in: {item}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
