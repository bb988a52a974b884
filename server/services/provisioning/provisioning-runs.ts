import "server-only";
import type { PrismaClient, Transaction } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors/app-error";
import type { Stack } from "../../../provisioning/stack";
import { instanceId } from "../instances/instance-id";
import { leaseOf, staleAfter, type ProvisioningConfig } from "./provisioning-config";
import { INTERRUPTED_FAILURE, LEASE_EXPIRED_FAILURE, type RunFailure } from "./run-failure";
import { runIdsInFlight } from "../instances/runs-in-flight";
import { busyError, halfArchivedError, lockProject } from "../lifecycle/lifecycle-claim";

/**
 * Every state change of a ProvisioningRun, in one place: claim, renew its lease, succeed, fail, and
 * fail the runs whose instance stopped renewing (a crash, a kill, a lost connection). One run per
 * project at a time is enforced by the database (a partial unique index on active runs and the
 * unique (projectId, attempt)). Several instances share the database (issue 25): a run names the
 * instance that claimed it, and lease times are the database's clock, not the instance's.
 */

export const INTERRUPTED_REASON = INTERRUPTED_FAILURE.reason;

const IN_PROGRESS_MESSAGE =
  "This project is being provisioned right now. Wait for that run to finish, then try again.";

const ACTIVE = { in: ["pending" as const, "running" as const] };

/** What a run keeps of its log (the end, where the failure is). */
const LOG_TAIL_CHARS = 4000;

/**
 * Records a new attempt, before any other work. A second concurrent start fails in the database
 * itself. With `notStartedSince` (when the request arrived), a run that another request started and
 * already finished meanwhile also counts as concurrent: simultaneous requests yield one run.
 */
export async function claimRun<T = undefined>(options: {
  db: PrismaClient;
  projectId: string;
  stack: Stack;
  notStartedSince?: Date;
  /** The lease length, and the age after which a run cannot still be working (the script timeout is shorter). */
  config: ProvisioningConfig;
  /**
   * What must happen with the claim or not at all, in its transaction: saving the stack, and the
   * action's audit entry. A conflicting run leaves it undone.
   */
  alsoInTransaction?: (tx: Transaction, run: { id: string; attempt: number }) => Promise<T>;
}): Promise<{ id: string; attempt: number; also: T }> {
  const { db, projectId, config } = options;
  await failExpiredRuns(db, { projectId, staleAfterMs: staleAfter(config) });
  const last = await db.provisioningRun.aggregate({
    where: { projectId },
    _max: { attempt: true, startedAt: true },
  });
  if (options.notStartedSince && last._max.startedAt && last._max.startedAt >= options.notStartedSince) {
    throw new AppError("PROVISIONING_IN_PROGRESS", IN_PROGRESS_MESSAGE);
  }
  try {
    return await db.$transaction(async (tx) => {
      // The project's row stays locked until the run is recorded: an archive checks for active runs
      // under the same lock (services/lifecycle), so the two cannot both go ahead.
      const state = await lockProject(tx, projectId);
      if (state?.archived) {
        throw new AppError(
          "PROJECT_ARCHIVED",
          "This project is archived: restore it before provisioning it.",
        );
      }
      if (state?.busyWith) throw busyError(state.busyWith);
      if (state?.halfArchived) throw halfArchivedError();
      const now = await databaseNow(tx);
      const run = await tx.provisioningRun.create({
        data: {
          projectId,
          attempt: (last._max.attempt ?? 0) + 1,
          status: "running",
          stack: options.stack,
          startedAt: new Date(now),
          instanceId: instanceId(),
          leaseExpiresAt: new Date(now + leaseOf(config)),
        },
        select: { id: true, attempt: true },
      });
      // Without alsoInTransaction, T is undefined and so is `also`.
      return { ...run, also: (await options.alsoInTransaction?.(tx, run)) as T };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("PROVISIONING_IN_PROGRESS", IN_PROGRESS_MESSAGE);
    }
    throw error;
  }
}

/**
 * The outcome is written only while the run is still this instance's and active: a run another
 * instance failed after its lease ran out stays failed (the caller learns it from `false`).
 */
const stillMine = (runId: string) => ({ id: runId, status: ACTIVE, instanceId: instanceId() });

export async function succeedRun(
  db: PrismaClient,
  runId: string,
  outcome: {
    scriptsUsed: string[];
    checksPassed: string[];
    log: string;
    projectPath: string;
    git: { commit: string | null; note: string };
  },
): Promise<boolean> {
  const { count } = await db.provisioningRun.updateMany({
    where: stillMine(runId),
    data: {
      status: "succeeded",
      finishedAt: new Date(),
      scriptsUsed: outcome.scriptsUsed,
      checksPassed: outcome.checksPassed,
      logTail: outcome.log.slice(-LOG_TAIL_CHARS),
      projectPath: outcome.projectPath,
      gitCommit: outcome.git.commit,
      gitNote: outcome.git.note,
      error: null,
      failedStep: null,
      failureFault: null,
      failureAdvice: null,
    },
  });
  return count === 1;
}

/**
 * `failure.reason` is the sentence the user reads; secrets must already be redacted from it and the
 * log. The step, whose fault it was and what fixes it are stored with it, as the run saw them.
 */
export async function failRun(
  db: PrismaClient,
  runId: string,
  outcome: { failure: RunFailure; scriptsUsed?: string[]; checksPassed?: string[]; log?: string },
): Promise<boolean> {
  const { count } = await db.provisioningRun.updateMany({
    where: stillMine(runId),
    data: {
      status: "failed",
      finishedAt: new Date(),
      ...failureColumns(outcome.failure),
      scriptsUsed: outcome.scriptsUsed ?? [],
      checksPassed: outcome.checksPassed ?? [],
      logTail: (outcome.log ?? "").slice(-LOG_TAIL_CHARS),
    },
  });
  return count === 1;
}

/** Milliseconds since 1970 by the database's clock, which every instance shares. */
async function databaseNow(db: PrismaClient | Transaction): Promise<number> {
  const [row] = await db.$queryRaw<{ ms: number }[]>`
    SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms`;
  return Math.round(row!.ms);
}

/**
 * Extends the lease of a run this instance is working on. False when the run is no longer active
 * (another instance failed it after the lease ran out): the caller's work is then no longer its own.
 */
export async function renewLease(db: PrismaClient, runId: string, leaseMs: number): Promise<boolean> {
  const now = await databaseNow(db);
  const { count } = await db.provisioningRun.updateMany({
    where: { id: runId, status: ACTIVE, instanceId: instanceId() },
    data: { leaseExpiresAt: new Date(now + leaseMs) },
  });
  return count === 1;
}

/**
 * Fails the active runs that cannot finish any more, each with its reason: those whose lease ran out
 * (their instance stopped renewing it), those written before leases existed, and, with
 * `staleAfterMs`, those older than any run may take. Runs other live instances work on are left
 * alone. Gives the ids of the runs it failed.
 */
export async function failExpiredRuns(
  db: PrismaClient,
  scope: { projectId?: string; staleAfterMs?: number } = {},
): Promise<string[]> {
  const now = await databaseNow(db);
  // Runs this process is working on are alive, whatever their lease says (after a sleep of the
  // machine, the sweep may run before the renewal).
  const ownInFlight = runIdsInFlight();
  const expired = await db.provisioningRun.findMany({
    where: {
      status: ACTIVE,
      ...(ownInFlight.length > 0 ? { id: { notIn: ownInFlight } } : {}),
      ...(scope.projectId ? { projectId: scope.projectId } : {}),
      OR: [
        { leaseExpiresAt: null },
        { leaseExpiresAt: { lt: new Date(now) } },
        ...(scope.staleAfterMs ? [{ startedAt: { lt: new Date(now - scope.staleAfterMs) } }] : []),
      ],
    },
    select: { id: true, instanceId: true, leaseExpiresAt: true, startedAt: true },
  });
  const failed: string[] = [];
  for (const run of expired) {
    // The same conditions again, so that a lease renewed meanwhile keeps its run.
    const { count } = await db.provisioningRun.updateMany({
      where: {
        id: run.id,
        status: ACTIVE,
        OR: [
          { leaseExpiresAt: null },
          { leaseExpiresAt: { lt: new Date(now) } },
          ...(scope.staleAfterMs ? [{ startedAt: { lt: new Date(now - scope.staleAfterMs) } }] : []),
        ],
      },
      data: {
        status: "failed",
        finishedAt: new Date(now),
        ...failureColumns(
          run.leaseExpiresAt && run.leaseExpiresAt.getTime() < now
            ? LEASE_EXPIRED_FAILURE
            : INTERRUPTED_FAILURE,
        ),
      },
    });
    if (count === 1) {
      failed.push(run.id);
      // The instance goes to the server log only: users need not read host names and process ids.
      console.log(
        `Failed provisioning run ${run.id}: its instance ${run.instanceId ?? "(before leases)"} stopped renewing it.`,
      );
    }
  }
  return failed;
}

/**
 * Fails runs of this instance that are still active, each with `failure`: what a graceful stop does
 * with runs its wait ran out on.
 */
export async function failOwnActiveRuns(
  db: PrismaClient,
  runIds: string[],
  failure: RunFailure,
): Promise<number> {
  if (runIds.length === 0) return 0;
  const { count } = await db.provisioningRun.updateMany({
    where: { id: { in: runIds }, status: ACTIVE, instanceId: instanceId() },
    data: { status: "failed", finishedAt: new Date(), ...failureColumns(failure) },
  });
  return count;
}

function failureColumns(failure: RunFailure) {
  return {
    error: failure.reason,
    failedStep: failure.step,
    failureFault: failure.fault,
    failureAdvice: failure.advice,
  };
}
