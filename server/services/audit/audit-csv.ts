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

/** A separator followed by a character a spreadsheet starts a formula with. */
const FORMULA_AFTER_SEPARATOR = /[,;\t|]\s*[=+\-@]/;

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
      // A spreadsheet that splits on ";" or tabs would see a formula after the separator: such cells
      // are quoted, so the separator stays inside the cell (issue 23).
      quoted_match: FORMULA_AFTER_SEPARATOR,
      record_delimiter: "windows",
    },
  );
}
