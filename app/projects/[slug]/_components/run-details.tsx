"use client";

import { useQuery } from "@tanstack/react-query";
import { RunFailureDetails } from "~/app/_components/run-failure-details";
import { Alert } from "~/app/_components/ui/alert";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";
import type { ProjectHistory } from "~/app/_trpc/project-queries";

type Run = ProjectHistory["runs"][number];

/** What a run's checks are called on the page. */
const CHECK_LABELS: Record<string, string> = {
  "compose-schema": "docker-compose.yml follows the Compose Specification",
  "compose-structure": "docker-compose.yml reads back as written",
  "env-roundtrip": ".env reads back as written",
  "compose-variables-defined": "every variable docker-compose.yml uses is in .env",
  "manifest-hashes": "every file matches launchpad.json",
  "setup-script-syntax": "setup.sh passes bash -n",
  "setup-script-shellcheck": "setup.sh passes shellcheck",
};

/**
 * One run opened: why it failed (if it did), the checks it passed, the scripts it ran and, for the
 * owner and admins, the end of its output. The output was stored with secrets redacted and is
 * bounded (provisioning-runs.ts); it loads only when a run is opened.
 */
export function RunDetails({
  slug,
  run,
  canManage,
  canViewLogs = canManage,
  archived = false,
}: {
  slug: string;
  run: Run;
  canManage: boolean;
  canViewLogs?: boolean;
  archived?: boolean;
}) {
  return (
    <div className="space-y-3 text-sm">
      {run.failure && <RunFailureDetails failure={run.failure} canManage={canManage} archived={archived} />}
      <div>
        <p className="font-medium">Checks passed ({run.checksPassed.length})</p>
        {run.checksPassed.length === 0 ? (
          <p className="text-slate-600">None: the run stopped before its checks passed.</p>
        ) : (
          <ul className="list-inside list-disc text-slate-700">
            {run.checksPassed.map((check) => (
              <li key={check}>{CHECK_LABELS[check] ?? check}</li>
            ))}
          </ul>
        )}
      </div>
      {run.gitNote && (
        <p data-testid="run-git-note">
          <span className="font-medium">Git:</span> {run.gitNote}
        </p>
      )}
      <p>
        <span className="font-medium">Scripts run:</span>{" "}
        {run.scriptsUsed.length === 0
          ? "none"
          : run.scriptsUsed.map((script) => <code key={script}>{script} </code>)}
      </p>
      {canViewLogs ? (
        <RunOutput slug={slug} attempt={run.attempt} />
      ) : (
        <p className="text-slate-600">
          The run&apos;s output is shown to the project&apos;s owner and admins.
        </p>
      )}
    </div>
  );
}

/** The end of one run's output, for the owner and admins (the procedure checks it too). */
export function RunOutput({ slug, attempt }: { slug: string; attempt: number }) {
  const trpc = useTRPC();
  const log = useQuery(trpc.provisioning.runLog.queryOptions({ slug, attempt }));
  if (log.isPending) return <p className="text-slate-700">Loading the output…</p>;
  if (log.isError) return <Alert tone="error">{errorMessage(log.error)}</Alert>;
  return (
    <figure>
      <figcaption className="font-medium">Output of run #{attempt} (its end, secrets hidden)</figcaption>
      {/* Focusable, so the output scrolls with the keyboard too. */}
      <pre
        tabIndex={0}
        className="mt-1 max-h-72 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs whitespace-pre-wrap text-slate-100"
      >
        {log.data.log || "(no output)"}
      </pre>
    </figure>
  );
}
