import { PROJECT_STATUS_LABELS, type ProjectStatus } from "~/server/shared/project-list";
import { Badge } from "../ui/badge";

const TONES = {
  interview: "slate",
  provisioning: "amber",
  provisioned: "green",
  failed: "red",
  archived: "slate",
} as const;

/** Where a project stands, in the words of the list's status filter. */
export function ProjectStatusBadge({ status }: { status: ProjectStatus | null }) {
  if (!status) return <Badge tone="slate">Not provisioned</Badge>;
  return <Badge tone={TONES[status]}>{PROJECT_STATUS_LABELS[status]}</Badge>;
}
