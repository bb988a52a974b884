import { auth } from "~/server/auth/auth";
import { can } from "~/server/auth/policy";
import { sessionUser } from "~/server/auth/session";
import { db } from "~/server/db/client";
import { auditCsvRows } from "~/server/services/audit/audit-csv";
import { auditEntriesInBatches } from "~/server/services/audit/list-audit";
import { auditFilterFromSearchParams } from "~/server/shared/audit";

/**
 * The audit log as CSV, with the same filters as /admin/audit (its "Export CSV" link). Admins only,
 * by the one policy module; the rows are streamed in batches, so a long log is never held whole.
 */
export async function GET(request: Request) {
  const user = await sessionUser(auth(), request.headers);
  if (!user) return plain(401, "Sign in to use Launchpad.");
  if (!can(user, "accounts.manage")) return plain(403, "Only an admin can export the audit log.");
  const filter = auditFilterFromSearchParams(new URL(request.url).searchParams);
  if (!filter.success) return plain(400, filter.error.issues.map((issue) => issue.message).join(" "));

  const encoder = new TextEncoder();
  const batches = auditEntriesInBatches({ db: db(), filter: filter.data });
  let isFirst = true;
  // A byte-order mark first: spreadsheets then read the file as UTF-8 (names with accents).
  const BOM = "\uFEFF";
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await batches.next();
      if (next.done) {
        // An empty export still gets its header line.
        if (isFirst) controller.enqueue(encoder.encode(BOM + auditCsvRows([], true)));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode((isFirst ? BOM : "") + auditCsvRows(next.value, isFirst)));
      isFirst = false;
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="launchpad-audit-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}

function plain(status: number, message: string) {
  return new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}
