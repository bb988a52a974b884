"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { CopyButton } from "~/app/_components/copy-button";
import { CredentialsDialog } from "~/app/_components/credentials-dialog";
import { Alert } from "~/app/_components/ui/alert";
import { Badge } from "~/app/_components/ui/badge";
import { Button } from "~/app/_components/ui/button";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";
import type { Credentials } from "~/app/_trpc/router-types";

const STATUS_BADGE = {
  succeeded: { tone: "green", label: "Provisioned" },
  failed: { tone: "red", label: "Provisioning failed" },
  running: { tone: "amber", label: "Provisioning…" },
  pending: { tone: "amber", label: "Waiting to provision" },
} as const;

function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

type DialogContent = { credentials: Credentials; nextSteps: string[]; projectPath: string | null };

/** Provisioning status, folder, next steps, run history, and the Re-provision / Show credentials actions. */
export function ProvisioningPanel({
  slug,
  hasStack,
  canManage,
}: {
  slug: string;
  hasStack: boolean;
  /** The owner or an admin (server/auth/policy.ts): may re-provision and see the credentials. */
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<DialogContent | null>(null);
  const history = useQuery(trpc.provisioning.history.queryOptions({ slug }, { enabled: hasStack }));

  const reprovision = useMutation(
    trpc.provisioning.reprovision.mutationOptions({
      onSuccess: (result) => {
        void queryClient.invalidateQueries({ queryKey: trpc.provisioning.history.queryKey({ slug }) });
        void queryClient.invalidateQueries({ queryKey: trpc.audit.project.queryKey({ slug }) });
        if (result.success && result.credentials) {
          setDialog({ credentials: result.credentials, nextSteps: result.nextSteps, projectPath: result.projectPath });
        }
      },
    }),
  );
  const showCredentials = useMutation({
    mutationFn: () => queryClient.fetchQuery(trpc.provisioning.credentials.queryOptions({ slug }, { staleTime: 0 })),
    onSuccess: (result) => setDialog(result),
  });

  if (!hasStack) return <p className="text-slate-600">Finish the interview to provision this project.</p>;
  if (history.isPending) return <p className="text-slate-500">Loading the provisioning status…</p>;
  if (history.isError) return <Alert tone="error">{errorMessage(history.error)}</Alert>;

  const { runs, projectPath, nextSteps } = history.data;
  const last = runs[0];
  const badge = last ? STATUS_BADGE[last.status] : null;
  const isFailed = last?.status === "failed";

  return (
    <section aria-labelledby="provisioning-heading" className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="provisioning-heading" className="text-lg font-medium">
          Provisioning
        </h2>
        {badge ? <Badge tone={badge.tone}>{badge.label}</Badge> : <Badge tone="slate">Not provisioned</Badge>}
      </div>

      {isFailed && last.error && (
        <Alert tone="error" title="The last provisioning failed">
          <p>{last.error}</p>
          <p className="mt-1">Your stack is saved. Fix the cause, then press Re-provision.</p>
        </Alert>
      )}
      {reprovision.error && <Alert tone="error">{errorMessage(reprovision.error)}</Alert>}
      {reprovision.data && !reprovision.data.success && reprovision.data.error && !isFailed && (
        <Alert tone="error">{reprovision.data.error}</Alert>
      )}
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
          <p className="text-sm text-slate-600">Project folder</p>
          <div className="flex items-center gap-2">
            <code className="flex-1 font-mono text-sm break-all">{projectPath}</code>
            <CopyButton value={projectPath} label="Copy the project folder" />
          </div>
          <p className="pt-2 text-sm text-slate-600">Next steps</p>
          <ol className="space-y-2">
            {nextSteps.map((step) => (
              <li key={step} className="flex items-center gap-3 rounded-md bg-slate-900 px-3 py-2 text-slate-100">
                <code className="flex-1 font-mono text-sm break-all">{step}</code>
                <CopyButton value={step} label={`Copy command ${step}`} />
              </li>
            ))}
          </ol>
        </div>
      )}

      {runs.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Provisioning history</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Attempt</th>
                <th scope="col" className="px-4 py-2 font-medium">Status</th>
                <th scope="col" className="px-4 py-2 font-medium">Started</th>
                <th scope="col" className="px-4 py-2 font-medium">Duration</th>
                <th scope="col" className="px-4 py-2 font-medium">Error</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} className="border-t border-slate-100">
                  <td className="px-4 py-2 tabular-nums">#{run.attempt}</td>
                  <td className="px-4 py-2">
                    <Badge tone={STATUS_BADGE[run.status].tone}>{run.status}</Badge>
                  </td>
                  <td className="px-4 py-2 whitespace-nowrap">{run.startedAt.toLocaleString()}</td>
                  <td className="px-4 py-2 tabular-nums">{formatDuration(run.durationMs)}</td>
                  <td className="px-4 py-2 text-rose-800">{run.error ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {dialog && (
        <CredentialsDialog
          slug={slug}
          credentials={dialog.credentials}
          nextSteps={dialog.nextSteps}
          projectPath={dialog.projectPath}
          onClose={() => setDialog(null)}
        />
      )}
    </section>
  );
}
