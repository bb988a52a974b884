import Link from "next/link";
import { choiceLabel, NONE, STACK_CATEGORIES, type Catalogue } from "~/provisioning/stack";
import { can } from "~/server/auth/policy";
import type { SessionUser } from "~/server/auth/session";
import type { ProjectListItem } from "~/server/services/projects/list-projects";
import { formatDay } from "../format-day";
import { relativeTime } from "../relative-time";
import { ProjectStatusBadge } from "./project-status-badge";

/**
 * One card per project: name (the link), status, stack, owner and last change. The name's link
 * covers the whole card; "Continue" sits above it for a project whose interview is unfinished.
 */
export function ProjectListItems({
  items,
  catalogue,
  user,
}: {
  items: ProjectListItem[];
  catalogue: Catalogue;
  user: SessionUser;
}) {
  const now = new Date();
  return (
    <ul aria-label="Projects" className="space-y-3">
      {items.map((project) => (
        <li
          key={project.id}
          className="relative rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition hover:border-indigo-300 hover:shadow"
        >
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-lg font-medium">
              <Link
                href={`/projects/${project.slug}`}
                className="after:absolute after:inset-0 after:rounded-lg focus-visible:outline-none focus-visible:after:ring-2 focus-visible:after:ring-indigo-500"
              >
                {project.name}
              </Link>
            </h2>
            <span className="flex items-center gap-2">
              <ProjectStatusBadge status={project.status} />
              {project.status === "interview" && can(user, "project.edit", project) && (
                <Link
                  href={`/projects/${project.slug}/interview`}
                  aria-label={`Continue the interview of ${project.name}`}
                  className="relative z-10 inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-indigo-700 hover:bg-slate-50"
                >
                  Continue
                </Link>
              )}
            </span>
          </div>
          {project.description && (
            <p className="mt-1 line-clamp-2 text-sm text-slate-600">{project.description}</p>
          )}
          <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
            <span>
              <span className="sr-only">Stack: </span>
              {project.stackSavedAt ? stackLine(project, catalogue) : "No stack yet"}
            </span>
            <span>Owner: {project.owner?.name ?? "none"}</span>
            {project.retainUntil && (
              <span>
                Kept until{" "}
                <time dateTime={project.retainUntil.toISOString()}>{formatDay(project.retainUntil)}</time>,
                then purged
              </span>
            )}
            <span>
              Changed{" "}
              <time dateTime={project.lastChangeAt.toISOString()} title={project.lastChangeAt.toISOString()}>
                {relativeTime(project.lastChangeAt, now)}
              </time>
            </span>
          </p>
        </li>
      ))}
    </ul>
  );
}

/** "Express · PostgreSQL · React · Tailwind CSS", leaving out the parts the stack has none of. */
function stackLine(project: ProjectListItem, catalogue: Catalogue): string {
  return STACK_CATEGORIES.flatMap((category) => {
    const slug = project[category];
    return slug && slug !== NONE ? [choiceLabel(catalogue, category, slug)] : [];
  }).join(" · ");
}
