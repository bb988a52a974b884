import "server-only";
import { stringify } from "csv-stringify/sync";
import type { AuditEntryView } from "./list-audit";

export const AUDIT_CSV_COLUMNS = [
  "at",
  "action",
  "description",
  "actor",
  "project",
  "target",
  "client_address",
  "detail",
] as const;

/**
 * Rows of the CSV export. Values such as a failed sign-in's email are typed by strangers, so cells
 * that a spreadsheet would run as a formula are escaped (csv-stringify's escape_formulas).
 */
export function auditCsvRows(entries: AuditEntryView[], withHeader: boolean): string {
  return stringify(
    entries.map((entry) => [
      entry.at.toISOString(),
      entry.action,
      entry.actionLabel,
      entry.actorEmail ?? "",
      entry.projectSlug ?? "",
      entry.targetEmail ?? "",
      entry.clientAddress ?? "",
      Object.keys(entry.detail).length > 0 ? JSON.stringify(entry.detail) : "",
    ]),
    {
      header: withHeader,
      columns: [...AUDIT_CSV_COLUMNS],
      escape_formulas: true,
      record_delimiter: "windows",
    },
  );
}
