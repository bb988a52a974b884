import "server-only";
import type { Prisma } from "../../db/generated/client";
import {
  readLifecycleFailure,
  type LifecycleFailure,
  type LifecycleOperation,
} from "../../shared/project-lifecycle";

/**
 * How long a claim on a project holds (lifecycle-claim.ts). The operations take milliseconds and the
 * longest step, `rm` of a large archived folder, is capped well below it; a claim older than this is
 * one whose instance stopped.
 */
export const LIFECYCLE_CLAIM_MS = 15 * 60_000;

/** The columns that say where a project's archive, restore or purge stands. */
export const lifecycleStateSelect = {
  lifecycleOperation: true,
  lifecycleClaimedAt: true,
  lifecycleFailure: true,
  purgeStartedAt: true,
} satisfies Prisma.ProjectSelect;

export type LifecycleState = {
  /** The archive, restore or purge working on it now, if one holds a live claim. */
  inProgress: LifecycleOperation | null;
  /** One whose claim ran out unfinished (its instance stopped): it may be half done; retry it. */
  interrupted: LifecycleOperation | null;
  /** Where the last one stopped, until it is retried. */
  failure: LifecycleFailure | null;
  /** A purge began removing its folder: it can only be purged now, never restored. */
  purgeStarted: boolean;
};

export function lifecycleStateOf(
  row: Prisma.ProjectGetPayload<{ select: typeof lifecycleStateSelect }>,
  now = Date.now(),
): LifecycleState {
  const operation = row.lifecycleOperation as LifecycleOperation | null;
  const live = row.lifecycleClaimedAt !== null && now - row.lifecycleClaimedAt.getTime() < LIFECYCLE_CLAIM_MS;
  return {
    inProgress: operation && live ? operation : null,
    interrupted: operation && !live ? operation : null,
    failure: readLifecycleFailure(row.lifecycleFailure),
    purgeStarted: row.purgeStartedAt !== null,
  };
}
