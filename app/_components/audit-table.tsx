import type { RouterOutputs } from "~/app/_trpc/router-types";
import { TableRegion } from "~/app/_components/ui/table-region";

type AuditEntry = RouterOutputs["audit"]["list"]["entries"][number];

function formatDetail(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(", ");
}

/**
 * Audit entries, newest first: on a project's page for its owner and the admins, and on
 * /admin/audit. Plain markup, so the admins' page renders it on the server without client code.
 */
export function AuditTable({
  entries,
  caption,
  showProject,
}: {
  entries: AuditEntry[];
  caption: string;
  showProject: boolean;
}) {
  if (entries.length === 0) return <p className="text-slate-600">No entries.</p>;
  return (
    <TableRegion label={caption}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              When (UTC)
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              What
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Who
            </th>
            {showProject && (
              <th scope="col" className="px-4 py-2 font-medium">
                Project
              </th>
            )}
            <th scope="col" className="px-4 py-2 font-medium">
              Details
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Address
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} className="border-t border-slate-100" data-action={entry.action}>
              <td className="px-4 py-2 whitespace-nowrap tabular-nums">
                {entry.at.toISOString().slice(0, 19).replace("T", " ")}
              </td>
              <td className="px-4 py-2">{entry.actionLabel}</td>
              <td className="px-4 py-2 wrap-anywhere">
                {/* No actor at all: Launchpad itself (the daily purge of expired archives). */}
                {entry.actorEmail ?? "Launchpad (automatic)"}
              </td>
              {showProject && <td className="px-4 py-2 font-mono">{entry.projectSlug ?? ""}</td>}
              <td className="px-4 py-2 wrap-anywhere text-slate-600">
                {[entry.targetEmail, formatDetail(entry.detail)].filter(Boolean).join(" · ")}
              </td>
              <td className="px-4 py-2 font-mono text-xs text-slate-500">{entry.clientAddress ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
