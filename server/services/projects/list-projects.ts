import "server-only";
import type { PrismaClient } from "../../db/client";
import { projectSummarySelect, type ProjectSummary } from "./project-select";

export type ProjectListItem = ProjectSummary & {
  /** The newest provisioning run's status, or null before the first run. */
  lastRun: { attempt: number; status: "pending" | "running" | "succeeded" | "failed" } | null;
};

/** All projects, newest first, each with the status of its newest provisioning run. */
export async function listProjects(options: { db: PrismaClient }): Promise<ProjectListItem[]> {
  const rows = await options.db.project.findMany({
    select: {
      ...projectSummarySelect,
      runs: { orderBy: { attempt: "desc" }, take: 1, select: { attempt: true, status: true } },
    },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(({ runs, ...project }) => ({ ...project, lastRun: runs[0] ?? null }));
}
