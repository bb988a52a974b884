import "server-only";
import type { PrismaClient } from "../../db/client";
import { projectSummarySelect, type ProjectSummary } from "./project-select";

/** All projects, newest first. */
export async function listProjects(options: { db: PrismaClient }): Promise<ProjectSummary[]> {
  return options.db.project.findMany({ select: projectSummarySelect, orderBy: { createdAt: "desc" } });
}
