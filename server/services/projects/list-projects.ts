import "server-only";
import { Prisma } from "../../db/generated/client";
import type { PrismaClient } from "../../db/client";
import { PROJECT_PAGE_SIZE, type ProjectListQuery, type ProjectStatus } from "../../shared/project-list";
import { projectSummarySelect, type ProjectSummary } from "./project-select";

export type ProjectListItem = ProjectSummary & {
  /** Where the project stands: its interview, or its newest provisioning run. */
  status: ProjectStatus | null;
  /** The newest provisioning run's status, or null before the first run. */
  lastRun: { attempt: number; status: "pending" | "running" | "succeeded" | "failed" } | null;
  /** The later of the project's own last change and its newest run's start or end. */
  lastChangeAt: Date;
};

export type ProjectListPage = {
  items: ProjectListItem[];
  /** Projects that match the filters, on every page. */
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
};

type ListedRow = { id: string; status: ProjectStatus | null; lastChangeAt: Date; total: bigint };

/**
 * One page of projects, filtered and sorted in the database so the page costs the same with 35
 * projects or 10,000. A project's status is derived from its newest run (a lateral join on the
 * run's unique (projectId, attempt) index) rather than stored twice, so it cannot drift from the
 * runs the project page shows. A page past the end gives the last page.
 */
export async function listProjects(options: {
  db: PrismaClient;
  query: ProjectListQuery;
}): Promise<ProjectListPage> {
  const { db, query } = options;
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.search) {
    // strpos rather than LIKE: a % or _ in the search is a character to find, not a wildcard.
    conditions.push(Prisma.sql`(strpos(lower(p.name), lower(${query.search})) > 0
      OR strpos(p.slug, lower(${query.search})) > 0)`);
  }
  if (query.ownerId) conditions.push(Prisma.sql`p."ownerId" = ${query.ownerId}`);
  if (query.technology) {
    conditions.push(Prisma.sql`${query.technology} IN (p.backend, p.database, p.frontend, p.css)`);
  }
  if (query.status) conditions.push(Prisma.sql`listed.status = ${query.status}`);
  // Archived projects are listed apart, under their own filter (issue 29).
  if (query.status !== "archived") conditions.push(Prisma.sql`p."archivedAt" IS NULL`);
  const order = {
    changed: Prisma.sql`listed."lastChangeAt" DESC, p."createdAt" DESC`,
    created: Prisma.sql`p."createdAt" DESC`,
    name: Prisma.sql`lower(p.name) ASC, p."createdAt" DESC`,
  }[query.sort];

  const matching = Prisma.sql`
    FROM "Project" p
    LEFT JOIN LATERAL (
      SELECT r.status, r."startedAt", r."finishedAt" FROM "ProvisioningRun" r
      WHERE r."projectId" = p.id ORDER BY r.attempt DESC LIMIT 1
    ) run ON TRUE
    CROSS JOIN LATERAL (
      SELECT
        CASE
          WHEN p."archivedAt" IS NOT NULL THEN 'archived'
          WHEN p."stackSavedAt" IS NULL THEN 'interview'
          WHEN run.status = 'succeeded' THEN 'provisioned'
          WHEN run.status = 'failed' THEN 'failed'
          WHEN run.status IN ('pending', 'running') THEN 'provisioning'
        END AS status,
        GREATEST(p."updatedAt", run."startedAt", run."finishedAt") AS "lastChangeAt"
    ) listed
    WHERE ${Prisma.join(conditions, " AND ")}`;
  const pageOf = (page: number) => db.$queryRaw<ListedRow[]>`
    SELECT p.id, listed.status, listed."lastChangeAt", count(*) OVER () AS total
    ${matching}
    ORDER BY ${order}, p.id
    LIMIT ${PROJECT_PAGE_SIZE} OFFSET ${(page - 1) * PROJECT_PAGE_SIZE}`;

  let page = query.page;
  let rows = await pageOf(page);
  if (rows.length === 0 && page > 1) {
    // Past the end (a shared link after projects went, or a typed page number): the last page.
    const [counted] = await db.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total ${matching}`;
    page = Math.max(1, Math.ceil(Number(counted?.total ?? 0) / PROJECT_PAGE_SIZE));
    rows = await pageOf(page);
  }
  const total = Number(rows[0]?.total ?? 0);

  const projects = await db.project.findMany({
    where: { id: { in: rows.map((row) => row.id) } },
    select: {
      ...projectSummarySelect,
      runs: { orderBy: { attempt: "desc" }, take: 1, select: { attempt: true, status: true } },
    },
  });
  const byId = new Map(
    projects.map(({ runs, ...project }) => [project.id, { ...project, lastRun: runs[0] ?? null }]),
  );
  const items = rows.flatMap((row) => {
    const project = byId.get(row.id);
    // A project deleted between the two queries is left out rather than shown half.
    return project ? [{ ...project, status: row.status, lastChangeAt: row.lastChangeAt }] : [];
  });
  return {
    items,
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / PROJECT_PAGE_SIZE)),
    pageSize: PROJECT_PAGE_SIZE,
  };
}
