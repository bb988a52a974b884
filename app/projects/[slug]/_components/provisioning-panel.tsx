"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Fragment, useEffect, useRef, useState } from "react";
import { CopyButton } from "~/app/_components/copy-button";
import { CredentialsDialog } from "~/app/_components/credentials-dialog";
import { RunStatusBadge, RunStatusWord } from "~/app/_components/run-status-badge";
import { Badge } from "~/app/_components/ui/badge";
import { RunFailureDetails } from "~/app/_components/run-failure-details";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";
import {
  hasActiveRun,
  POLL_WHILE_IDLE_MS,
  POLL_WHILE_RUNNING_MS,
  useRefreshProjectQueries,
} from "~/app/_trpc/project-queries";
import type { Credentials } from "~/app/_trpc/router-types";
import { RunDetails, RunOutput } from "./run-details";
import { TableRegion } from "~/app/_components/ui/table-region";

function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

type DialogContent = {
  credentials: Credentials;
  nextSteps: string[];
  projectPath: string | null;
  filesKeptAsNew?: string[];
};

/**
 * Provisioning status, folder, next steps, run history, and the Re-provision / Show credentials
 * actions. The history is the one source of every status on the page: it is refetched at once after
 * the user's own re-provision, every second while a run works and every few seconds otherwise (and
 * on focus), so a run started by someone else shows up without a reload.
 */
export function ProvisioningPanel({
  slug,
  hasStack,
  canManage,
  canViewLogs = canManage,
  archived = false,
}: {
  /** The owner or an admin, archived or not: may read the runs' output. */
  canViewLogs?: boolean;
  slug: string;
  hasStack: boolean;
  /** Archived (issue 29): the history stays, but the newest run's status is not the project's. */
  archived?: boolean;
  /** The owner or an admin (server/auth/policy.ts): may re-provision and see the credentials. */
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const refreshProject = useRefreshProjectQueries();
  const [dialog, setDialog] = useState<DialogContent | null>(null);
  const [openAttempt, setOpenAttempt] = useState<number | null>(null);
  const history = useQuery(
    trpc.provisioning.history.queryOptions(
      { slug },
      {
        enabled: hasStack,
        staleTime: 0,
        refetchOnWindowFocus: "always",
        refetchInterval: (query) =>
          hasActiveRun(query.state.data) ? POLL_WHILE_RUNNING_MS : POLL_WHILE_IDLE_MS,
      },
    ),
  );

  // A run this page did not start (another user's save or re-provision) may have changed the stack,
  // which the server rendered: refresh the server-rendered parts when a new attempt appears.
  const newestAttempt = history.data?.runs[0]?.attempt;
  const seenAttempt = useRef(newestAttempt);
  useEffect(() => {
    if (newestAttempt === undefined) return;
    if (seenAttempt.current !== undefined && newestAttempt !== seenAttempt.current) router.refresh();
    seenAttempt.current = newestAttempt;
  }, [newestAttempt, router]);

  const reprovision = useMutation(
    trpc.provisioning.reprovision.mutationOptions({
      // The button stays busy until the history shows this run: never a moment of the old status.
      onSettled: () => refreshProject(slug, { refreshPage: true }),
      onSuccess: (result) => {
        if (result.success && result.credentials) {
          setDialog({
            credentials: result.credentials,
            nextSteps: result.nextSteps,
            projectPath: result.projectPath,
            filesKeptAsNew: result.filesKeptAsNew,
          });
        }
      },
    }),
  );
  const showCredentials = useMutation({
    mutationFn: () =>
      queryClient.fetchQuery(trpc.provisioning.credentials.queryOptions({ slug }, { staleTime: 0 })),
    onSuccess: (result) => setDialog(result),
  });

  if (!hasStack) return <p className="text-slate-600">Finish the interview to provision this project.</p>;
  if (history.isPending) return <p className="text-slate-500">Loading the provisioning status…</p>;
  if (history.isError) return <Alert tone="error">{errorMessage(history.error)}</Alert>;

  const { runs, projectPath, nextSteps } = history.data;
  const last = runs[0];
  const isFailed = last?.status === "failed";
  const lastSuccess = runs.find((run) => run.status === "succeeded");

  return (
    <section aria-labelledby="provisioning-heading" className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="provisioning-heading" className="text-lg font-medium">
          Provisioning
        </h2>
        {archived ? <Badge tone="slate">Archived</Badge> : <RunStatusBadge status={last?.status ?? null} />}
      </div>

      {/* The newest failure, announced when it appears: after a re-provision or another user's run. */}
      <div aria-live="polite">
        {isFailed && last.failure && (
          <div className="space-y-3 rounded-md border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-950">
            <p className="font-semibold">Run #{last.attempt} failed</p>
            <RunFailureDetails failure={last.failure} canManage={canManage} archived={archived} />
            {canViewLogs ? (
              <RunOutput slug={slug} attempt={last.attempt} />
            ) : (
              <p>The run&apos;s output is shown to the project&apos;s owner and admins.</p>
            )}
          </div>
        )}
      </div>
      {reprovision.error && <Alert tone="error">{errorMessage(reprovision.error)}</Alert>}
      {showCredentials.error && <Alert tone="error">{errorMessage(showCredentials.error)}</Alert>}

      {canManage && (
        <div className="flex flex-wrap gap-3">
          {/* aria-disabled rather than disabled while busy: a disabled button would drop the focus,
            and the dialog could not give it back when it closes. */}
          <Button
            variant={isFailed || !last ? "primary" : "secondary"}
            aria-disabled={reprovision.isPending}
            onClick={() => {
              if (!reprovision.isPending) reprovision.mutate({ slug });
            }}
          >
            {reprovision.isPending ? "Re-provisioning…" : "Re-provision"}
          </Button>
          {projectPath && (
            <Button
              variant="secondary"
              aria-disabled={showCredentials.isPending}
              onClick={() => {
                if (!showCredentials.isPending) showCredentials.mutate();
              }}
            >
              Show credentials
            </Button>
          )}
        </div>
      )}
      {reprovision.isPending && (
        <p role="status" className="text-sm text-slate-600">
          Writing and checking the project folder…
        </p>
      )}

      {projectPath && (
        <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          {lastSuccess && last && lastSuccess !== last && (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {last.failure?.step === "commit" || last.failure?.step === "interrupted"
                ? `Run #${last.attempt} stopped while it may have been moving files into this folder: some files may be its new versions, the rest are those of run #${lastSuccess.attempt}, the last that succeeded.`
                : `The folder holds the files of run #${lastSuccess.attempt}, the last that succeeded: they were made for the stack as it was then, not for a change saved since.`}
            </p>
          )}
          <p className="text-sm text-slate-600">Project folder</p>
          <div className="flex items-center gap-2">
            <code className="flex-1 font-mono text-sm break-all">{projectPath}</code>
            <CopyButton value={projectPath} label="Copy the project folder" />
          </div>
          <p className="pt-2 text-sm text-slate-600">Next steps</p>
          <ol className="space-y-2">
            {nextSteps.map((step) => (
              <li
                key={step}
                className="flex items-center gap-3 rounded-md bg-slate-900 px-3 py-2 text-slate-100"
              >
                <code className="flex-1 font-mono text-sm break-all">{step}</code>
                <CopyButton value={step} label={`Copy command ${step}`} />
              </li>
            ))}
          </ol>
        </div>
      )}

      {runs.length > 0 && (
        <TableRegion label="Provisioning history">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Provisioning history</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Attempt
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Started
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Duration
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Error
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  <span className="sr-only">Details</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => {
                const isOpen = openAttempt === run.attempt;
                return (
                  <Fragment key={run.id}>
                    <tr className="border-t border-slate-100">
                      <td className="px-4 py-2 tabular-nums">#{run.attempt}</td>
                      <td className="px-4 py-2">
                        <RunStatusWord status={run.status} />
                      </td>
                      <td className="px-4 py-2 whitespace-nowrap">{run.startedAt.toLocaleString()}</td>
                      <td className="px-4 py-2 tabular-nums">{formatDuration(run.durationMs)}</td>
                      <td className="min-w-64 px-4 py-2 text-rose-800">{run.error ?? ""}</td>
                      <td className="px-4 py-2 text-right">
                        <button
                          type="button"
                          aria-expanded={isOpen}
                          aria-controls={`run-${run.attempt}-details`}
                          onClick={() => setOpenAttempt(isOpen ? null : run.attempt)}
                          className="min-h-11 min-w-11 rounded-md px-2 py-1 text-sm font-medium whitespace-nowrap text-indigo-700 hover:bg-indigo-50"
                        >
                          {isOpen ? "Hide" : "Details"}
                          <span className="sr-only"> of run #{run.attempt}</span>
                        </button>
                      </td>
                    </tr>
                    {isOpen && (
                      <tr id={`run-${run.attempt}-details`} className="bg-slate-50">
                        <td colSpan={6} className="px-4 py-3">
                          <RunDetails
                            slug={slug}
                            run={run}
                            canManage={canManage}
                            canViewLogs={canViewLogs}
                            archived={archived}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      )}

      {dialog && (
        <CredentialsDialog
          slug={slug}
          credentials={dialog.credentials}
          nextSteps={dialog.nextSteps}
          projectPath={dialog.projectPath}
          filesKeptAsNew={dialog.filesKeptAsNew}
          onClose={() => setDialog(null)}
        />
      )}
    </section>
  );
}
