import Link from "next/link";
import { RunStatusBadge } from "./_components/run-status-badge";
import { StackSummary } from "./_components/stack-summary";
import { requireUser } from "~/server/auth/current-user";
import { serverCaller } from "./_trpc/server";

export const dynamic = "force-dynamic";

export default async function ProjectListPage() {
  await requireUser();
  const [projects, catalogue] = await Promise.all([
    (await serverCaller()).project.list(),
    (await serverCaller()).catalogue.get(),
  ]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Projects</h1>
        <p className="text-slate-600">
          Each project is a short interview that ends in a ready-to-run folder.
        </p>
      </div>
      {projects.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="mb-4 text-slate-600">No projects yet.</p>
          <Link
            href="/projects/new"
            className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
          >
            Create your first project
          </Link>
        </div>
      ) : (
        <ul aria-label="Projects" className="space-y-3">
          {projects.map((project) => (
            <li key={project.id}>
              <Link
                href={`/projects/${project.slug}`}
                className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition hover:border-indigo-300 hover:shadow"
              >
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h2 className="text-lg font-medium">{project.name}</h2>
                  <span className="flex items-center gap-2">
                    {project.stackSavedAt && <RunStatusBadge status={project.lastRun?.status ?? null} />}
                    <span className="font-mono text-xs text-slate-500">projects/{project.slug}</span>
                  </span>
                </div>
                {project.description && (
                  <p className="mt-1 line-clamp-2 text-sm text-slate-600">{project.description}</p>
                )}
                {project.stackSavedAt && (
                  <div className="mt-3">
                    <StackSummary stack={project} catalogue={catalogue} />
                  </div>
                )}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
