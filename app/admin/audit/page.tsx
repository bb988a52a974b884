import Link from "next/link";
import { redirect } from "next/navigation";
import { AuditTable } from "~/app/_components/audit-table";
import { Alert } from "~/app/_components/ui/alert";
import { serverCaller } from "~/app/_trpc/server";
import { requireUser } from "~/server/auth/current-user";
import { can } from "~/server/auth/policy";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, auditFilterFromSearchParams } from "~/server/shared/audit";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const FIELD =
  "min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:border-indigo-500";

/**
 * Every audit entry, for the admins: a plain GET form filters (so a filtered view is a link to
 * share), and "Export CSV" downloads what the filters select.
 */
export default async function AdminAuditPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  if (!can(user, "accounts.manage")) redirect("/");
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    if (typeof value === "string") query.set(key, value);
  }
  const filter = auditFilterFromSearchParams(query);
  const result = filter.success ? await (await serverCaller()).audit.list(filter.data) : null;
  const exportQuery = filter.success ? new URLSearchParams(filter.data).toString() : "";

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
        <p className="text-slate-600">
          Reveals, stack saves, re-provisions, sign-ins and account changes: who, what, which project, when
          and from where. No secret is ever written here.
        </p>
      </div>

      <form
        method="get"
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-6"
      >
        <div className="space-y-1 sm:col-span-2">
          <label htmlFor="audit-action" className="block text-sm font-medium">
            Action
          </label>
          <select id="audit-action" name="action" defaultValue={query.get("action") ?? ""} className={FIELD}>
            <option value="">Any action</option>
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {AUDIT_ACTION_LABELS[action]}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1 sm:col-span-2">
          <label htmlFor="audit-email" className="block text-sm font-medium">
            Email contains
          </label>
          <input id="audit-email" name="email" defaultValue={query.get("email") ?? ""} className={FIELD} />
        </div>
        <div className="space-y-1 sm:col-span-2">
          <label htmlFor="audit-project" className="block text-sm font-medium">
            Project (address)
          </label>
          <input
            id="audit-project"
            name="project"
            defaultValue={query.get("project") ?? ""}
            className={FIELD}
          />
        </div>
        <div className="space-y-1 sm:col-span-2">
          <label htmlFor="audit-from" className="block text-sm font-medium">
            From (UTC day)
          </label>
          <input
            id="audit-from"
            type="date"
            name="from"
            defaultValue={query.get("from") ?? ""}
            className={FIELD}
          />
        </div>
        <div className="space-y-1 sm:col-span-2">
          <label htmlFor="audit-to" className="block text-sm font-medium">
            To (UTC day, included)
          </label>
          <input id="audit-to" type="date" name="to" defaultValue={query.get("to") ?? ""} className={FIELD} />
        </div>
        <div className="flex items-end gap-2 sm:col-span-2">
          <button
            type="submit"
            className="min-h-11 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
          >
            Filter
          </button>
          <Link
            href="/admin/audit"
            className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-50"
          >
            Clear
          </Link>
        </div>
      </form>

      {!filter.success && (
        <Alert tone="error">{filter.error.issues.map((issue) => issue.message).join(" ")}</Alert>
      )}
      {result && (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-600" role="status">
              {result.total === result.entries.length
                ? `${result.total} ${result.total === 1 ? "entry" : "entries"}`
                : `The newest ${result.entries.length} of ${result.total} entries (the CSV has them all)`}
            </p>
            <a
              href={`/admin/audit/export${exportQuery ? `?${exportQuery}` : ""}`}
              className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
              download
            >
              Export CSV
            </a>
          </div>
          <AuditTable entries={result.entries} caption="Audit entries" showProject />
        </>
      )}
    </div>
  );
}
