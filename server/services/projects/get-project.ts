import "server-only";
import type { PrismaClient } from "../../db/client";
import { lifecycleStateOf, lifecycleStateSelect, type LifecycleState } from "../lifecycle/lifecycle-state";
import { projectNotFound } from "./project-access";
import { projectSummarySelect, type ProjectSummary } from "./project-select";

export type ProjectDetail = ProjectSummary & { lifecycle: LifecycleState };

/** One project by its slug; NOT_FOUND (saying when, if it was purged) when there is none. */
export async function getProject(options: { db: PrismaClient; slug: string }): Promise<ProjectDetail> {
  const project = await options.db.project.findUnique({
    where: { slug: options.slug },
    select: { ...projectSummarySelect, ...lifecycleStateSelect },
  });
  if (!project) throw await projectNotFound(options.db, options.slug);
  const { lifecycleOperation, lifecycleClaimedAt, lifecycleFailure, purgeStartedAt, ...summary } = project;
  return {
    ...summary,
    lifecycle: lifecycleStateOf({ lifecycleOperation, lifecycleClaimedAt, lifecycleFailure, purgeStartedAt }),
  };
}
