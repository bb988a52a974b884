import "server-only";
import type { PrismaClient } from "../../db/client";
import {
  readLifecycleFailure,
  type LifecycleFailure,
  type LifecycleOperation,
} from "../../shared/project-lifecycle";
import { LIFECYCLE_CLAIM_MS } from "../lifecycle/lifecycle-claim";
import { projectNotFound } from "./project-access";
import { projectSummarySelect, type ProjectSummary } from "./project-select";

export type ProjectDetail = ProjectSummary & {
  lifecycle: {
    /** The archive, restore or purge working on it now, if one holds a live claim. */
    inProgress: LifecycleOperation | null;
    /** Where the last one stopped, until it is retried. */
    failure: LifecycleFailure | null;
    /** One whose claim ran out unfinished (its instance stopped): it may be half done; retry it. */
    interrupted: LifecycleOperation | null;
  };
};

/** One project by its slug; NOT_FOUND when there is none. */
export async function getProject(options: { db: PrismaClient; slug: string }): Promise<ProjectDetail> {
  const project = await options.db.project.findUnique({
    where: { slug: options.slug },
    select: {
      ...projectSummarySelect,
      lifecycleOperation: true,
      lifecycleClaimedAt: true,
      lifecycleFailure: true,
    },
  });
  if (!project) throw await projectNotFound(options.db, options.slug);
  const { lifecycleOperation, lifecycleClaimedAt, lifecycleFailure, ...summary } = project;
  const live = lifecycleClaimedAt !== null && Date.now() - lifecycleClaimedAt.getTime() < LIFECYCLE_CLAIM_MS;
  return {
    ...summary,
    lifecycle: {
      inProgress: live ? (lifecycleOperation as LifecycleOperation) : null,
      interrupted: lifecycleOperation && !live ? (lifecycleOperation as LifecycleOperation) : null,
      failure: readLifecycleFailure(lifecycleFailure),
    },
  };
}
