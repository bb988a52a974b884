import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDay } from "~/app/_components/format-day";
import { StackSummary } from "~/app/_components/stack-summary";
import { Alert } from "~/app/_components/ui/alert";
import { serverCaller } from "~/app/_trpc/server";
import { requireUser } from "~/server/auth/current-user";
import { can } from "~/server/auth/policy";
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
  const project = await caller.project.get({ slug }).catch(() => null);
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
    />
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{project.name}</h1>
          <p className="font-mono text-sm text-slate-500">projects/{project.slug}</p>
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
      {project.archivedAt && (
        <Alert tone="warning">
          Archived: its folder is {folderBackFromArchive(project.lifecycle.failure) ? "back" : "still"} in{" "}
          {folderBackFromArchive(project.lifecycle.failure) ? "projects" : "projects/.archive"}/{project.slug}
          {project.retainUntil && (
            <> until {formatDay(project.retainUntil)}, when it is purged for good</>
          )}.{" "}
          <a href="#lifecycle-heading" className="font-medium underline">
            Restore or purge it
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
