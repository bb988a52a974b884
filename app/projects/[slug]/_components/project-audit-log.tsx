"use client";

import { useQuery } from "@tanstack/react-query";
import { AuditTable } from "~/app/_components/audit-table";
import { Alert } from "~/app/_components/ui/alert";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";

/** The project's audit entries, for its owner and the admins; refreshed after a reveal or re-provision. */
export function ProjectAuditLog({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const audit = useQuery(trpc.audit.project.queryOptions({ slug }));
  return (
    <section aria-labelledby="audit-heading" className="space-y-3">
      <h2 id="audit-heading" className="text-lg font-medium">
        Audit log
      </h2>
      {audit.isPending && <p className="text-slate-500">Loading the audit log…</p>}
      {audit.isError && <Alert tone="error">{errorMessage(audit.error)}</Alert>}
      {audit.data && (
        <>
          {audit.data.total > audit.data.entries.length && (
            <p className="text-sm text-slate-600">
              The newest {audit.data.entries.length} of {audit.data.total} entries.
            </p>
          )}
          <AuditTable
            entries={audit.data.entries}
            caption="The project's audit entries"
            showProject={false}
          />
        </>
      )}
    </section>
  );
}
