import Link from "next/link";
import { projectListHref, type ProjectListQuery } from "~/server/shared/project-list";

const LINK =
  "inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border px-3 text-sm font-medium";

/** Previous and next page, as links that keep the filters, and where in the list this page is. */
export function ProjectListPages({
  query,
  page,
  pageCount,
  total,
  shown,
  pageSize,
  position,
}: {
  position: "top" | "bottom";
  query: ProjectListQuery;
  page: number;
  pageCount: number;
  total: number;
  shown: number;
  pageSize: number;
}) {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  return (
    <nav
      aria-label={`Pages of projects (${position})`}
      className="flex flex-wrap items-center justify-between gap-3"
    >
      <p className="text-sm text-slate-600" aria-live={position === "top" ? "polite" : undefined}>
        {total === 0
          ? "No projects match."
          : `Projects ${first}-${first + shown - 1} of ${total} · page ${page} of ${pageCount}`}
      </p>
      {pageCount > 1 && (
        <span className="flex gap-2">
          <PageLink query={query} page={page - 1} disabled={page <= 1} rel="prev">
            Previous page
          </PageLink>
          <PageLink query={query} page={page + 1} disabled={page >= pageCount} rel="next">
            Next page
          </PageLink>
        </span>
      )}
    </nav>
  );
}

function PageLink({
  query,
  page,
  disabled,
  rel,
  children,
}: {
  query: ProjectListQuery;
  page: number;
  disabled: boolean;
  rel: string;
  children: React.ReactNode;
}) {
  if (disabled) {
    return (
      <span aria-disabled="true" className={`${LINK} border-slate-200 text-slate-500`}>
        {children}
      </span>
    );
  }
  return (
    <Link
      href={projectListHref({ ...query, page })}
      rel={rel}
      className={`${LINK} border-slate-300 bg-white text-indigo-700 hover:bg-slate-50`}
    >
      {children}
    </Link>
  );
}
