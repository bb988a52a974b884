import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StackSummary } from "~/app/_components/stack-summary";
import { Alert } from "~/app/_components/ui/alert";
import { serverCaller } from "~/app/_trpc/server";
import { requireUser } from "~/server/auth/current-user";
import { can } from "~/server/auth/policy";
import { isAppError } from "~/server/errors/app-error";
import { env } from "~/server/env";
import { FIRST_STACK_STEP, STEPS } from "~/server/shared/interview";
import { projectSlugSchema } from "~/server/shared/project";
import { downloadRefusal } from "~/server/shared/project-download";
import { ProjectAuditLog } from "./_components/project-audit-log";
import { ProjectDownload } from "./_components/project-download";
import { ProjectGit } from "./_components/project-git";
import { ProjectLifecycle } from "./_components/project-lifecycle";
import { folderBackFromArchive } from "~/server/shared/project-lifecycle";
import { ProjectOwnership } from "./_components/project-ownership";
import { ProvisioningPanel } from "./_components/provisioning-panel";
import { StackVerification } from "./_components/stack-verification";

export const dynamic = "force-dynamic";

export default async function ProjectPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const { slug } = await params;
  if (!projectSlugSchema.safeParse(slug).success) notFound();
  const caller = await serverCaller();
  const { project, purgedMessage } = await caller.project.get({ slug }).then(
    (found) => ({ project: found, purgedMessage: null }),
    (error: unknown) => ({ project: null, purgedMessage: purgedMessageOf(error) }),
  );
  if (purgedMessage) return <PurgedProject message={purgedMessage} />;
  if (!project) notFound();
  const archived = project.archivedAt !== null;
  const canManage = can(user, "project.edit", project) && !archived;
  const canArchive = can(user, "project.archive", project);
  const lifecycle = (archived || canArchive) && (
    <ProjectLifecycle
      slug={project.slug}
      name={project.name}
      archivedAt={project.archivedAt}
      retainUntil={project.retainUntil}
      inProgress={project.lifecycle.inProgress}
      interrupted={project.lifecycle.interrupted}
      failure={project.lifecycle.failure}
      canManage={canArchive}
      retentionDays={env().LAUNCHPAD_ARCHIVE_RETENTION_DAYS}
      retentionEnded={retentionEnded(project.retainUntil)}
      purgeStarted={project.lifecycle.purgeStarted}
    />
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{project.name}</h1>
          <p className="font-mono text-sm text-slate-500">
            {archived && !folderBackFromArchive(project.lifecycle.failure) ? "projects/.archive" : "projects"}
            /{project.slug}
          </p>
          <ProjectOwnership
            slug={project.slug}
            ownerName={project.owner?.name ?? null}
            canTransfer={can(user, "project.transferOwnership", project)}
            transferLosesAccess={user.role !== "admin"}
          />
          {project.description && <p className="mt-2 max-w-prose text-slate-700">{project.description}</p>}
        </div>
        {canManage && (
          <Link
            // A saved stack is changed from its first question; an unfinished interview goes on where it was left.
            href={`/projects/${project.slug}/interview${project.stackSavedAt ? `?step=${STEPS[FIRST_STACK_STEP - 1]!.id}` : ""}`}
            className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium hover:bg-slate-50"
          >
            {project.stackSavedAt ? "Change the stack" : "Continue the interview"}
          </Link>
        )}
      </div>
      {archived && (
        <Alert tone="warning">
          This project is archived: it cannot be changed or provisioned.{" "}
          <a href="#lifecycle-heading" className="font-medium underline">
            {canArchive ? "Restore or purge it" : "What that means"}
          </a>
        </Alert>
      )}
      <section aria-labelledby="stack-heading" className="space-y-3">
        <h2 id="stack-heading" className="text-lg font-medium">
          Stack
        </h2>
        {project.stackSavedAt ? (
          <>
            <StackSummary stack={project} catalogue={await caller.catalogue.get()} />
            <StackVerification
              stack={{
                backend: project.backend ?? "none",
                database: project.database ?? "none",
                frontend: project.frontend ?? "none",
                css: project.css ?? "none",
              }}
            />
          </>
        ) : (
          <p className="text-slate-600">No stack chosen yet.</p>
        )}
      </section>
      <ProvisioningPanel
        slug={project.slug}
        hasStack={project.stackSavedAt !== null}
        canManage={canManage}
        canViewLogs={can(user, "project.viewRunLogs", project)}
        archived={archived}
      />
      {!archived && project.stackSavedAt && can(user, "project.download", project) && (
        <ProjectDownload
          slug={project.slug}
          canIncludeEnv={can(user, "project.revealCredentials", project)}
          refusal={downloadRefusal((await searchParams).download)}
        />
      )}
      {!archived && project.stackSavedAt && can(user, "project.manageGit", project) && (
        <ProjectGit slug={project.slug} />
      )}
      {/* Always in this place, so that its state (a restore's notes) outlives the refresh after it. */}
      {lifecycle}
      {can(user, "project.viewAudit", project) && <ProjectAuditLog slug={project.slug} />}
    </div>
  );
}

/** Whether an archived project's retention end has passed, as of this render (a server page). */
function retentionEnded(retainUntil: Date | null): boolean {
  return retainUntil !== null && retainUntil.getTime() <= Date.now();
}

/** A purged project's address says so, and when, rather than "not found". */
function purgedMessageOf(error: unknown): string | null {
  const cause = error instanceof TRPCError ? error.cause : null;
  return isAppError(cause, "NOT_FOUND") && cause.details.purgedAt ? cause.message : null;
}

/** What the address of a purged project shows: that it was purged, when, and that its name is free. */
function PurgedProject({ message }: { message: string }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Purged</h1>
      <Alert tone="info">{message}</Alert>
      <Link href="/" className="font-medium text-indigo-700 underline">
        Back to the projects
      </Link>
    </div>
  );
}
