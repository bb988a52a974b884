import Link from "next/link";
import { Alert } from "./_components/ui/alert";
import { ProjectListFilters } from "./_components/project-list/project-list-filters";
import { ProjectListItems } from "./_components/project-list/project-list-items";
import { ProjectListPages } from "./_components/project-list/project-list-pages";
import { RefreshWhileProvisioning } from "./_components/project-list/refresh-while-provisioning";
import { STACK_CATEGORIES } from "~/provisioning/stack";
import { requireUser } from "~/server/auth/current-user";
import { parseProjectListParams } from "~/server/shared/project-list";
import { serverCaller } from "./_trpc/server";

export const dynamic = "force-dynamic";

export default async function ProjectListPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const caller = await serverCaller();
  const [catalogue, owners] = await Promise.all([caller.catalogue.get(), caller.project.owners()]);
  const { query, notes } = parseProjectListParams(await searchParams, {
    ownerIds: new Set(owners.map((owner) => owner.id)),
    technologies: new Set(
      STACK_CATEGORIES.flatMap((category) => catalogue.technologies[category].map((tech) => tech.slug)),
    ),
  });
  const list = await caller.project.list(query);
  const filtered = Boolean(query.search || query.status || query.ownerId || query.technology);
  const noProjectsAtAll = list.total === 0 && !filtered;
  const pages = {
    query,
    page: list.page,
    pageCount: list.pageCount,
    total: list.total,
    shown: list.items.length,
    pageSize: list.pageSize,
  };

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Projects</h1>
        <p className="text-slate-600">
          Each project is a short interview that ends in a ready-to-run folder.
        </p>
      </div>
      {notes.length > 0 && (
        <Alert tone="info">
          <ul className="list-disc space-y-1 pl-5">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </Alert>
      )}
      {noProjectsAtAll ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="mb-4 text-slate-600">No projects yet.</p>
          {user.role !== "viewer" && (
            <Link
              href="/projects/new"
              className="inline-flex min-h-11 items-center rounded-md bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-500"
            >
              Create your first project
            </Link>
          )}
        </div>
      ) : (
        <>
          <ProjectListFilters query={query} owners={owners} catalogue={catalogue} />
          <ProjectListPages position="top" {...pages} />
          <ProjectListItems items={list.items} catalogue={catalogue} user={user} />
          {list.pageCount > 1 && <ProjectListPages position="bottom" {...pages} />}
        </>
      )}
      <RefreshWhileProvisioning active={list.items.some((project) => project.status === "provisioning")} />
    </div>
  );
}
