import { Badge } from "./ui/badge";

export type RunStatus = "pending" | "running" | "succeeded" | "failed";

const STATUS_BADGE = {
  succeeded: { tone: "green", label: "Provisioned" },
  failed: { tone: "red", label: "Provisioning failed" },
  running: { tone: "amber", label: "Provisioning…" },
  pending: { tone: "amber", label: "Waiting to provision" },
} as const;

/** The status of a project's newest provisioning run, worded the same on every page. */
export function RunStatusBadge({ status }: { status: RunStatus | null }) {
  if (!status) return <Badge tone="slate">Not provisioned</Badge>;
  const badge = STATUS_BADGE[status];
  return <Badge tone={badge.tone}>{badge.label}</Badge>;
}

/** The short word a history row shows for a run's status. */
export function RunStatusWord({ status }: { status: RunStatus }) {
  return <Badge tone={STATUS_BADGE[status].tone}>{status}</Badge>;
}
