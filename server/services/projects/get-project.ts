import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { projectSummarySelect, type ProjectSummary } from "./project-select";

/** One project by its slug; NOT_FOUND when there is none. */
export async function getProject(options: { db: PrismaClient; slug: string }): Promise<ProjectSummary> {
  const project = await options.db.project.findUnique({
    where: { slug: options.slug },
    select: projectSummarySelect,
  });
  if (!project) throw new AppError("NOT_FOUND", `There is no project "${options.slug}".`);
  return project;
}
