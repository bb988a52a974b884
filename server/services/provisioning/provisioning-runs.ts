import "server-only";
import type { PrismaClient, Transaction } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors/app-error";
import type { Stack } from "../../../provisioning/stack";
import { INTERRUPTED_FAILURE, type RunFailure } from "./run-failure";

/**
 * Every state change of a ProvisioningRun, in one place: claim, succeed, fail,
 * and interrupt (runs a crash or a restart left active). One run per project at a time is enforced
 * by the database (a partial unique index on active runs and the unique (projectId, attempt)).
 */

export const INTERRUPTED_REASON = INTERRUPTED_FAILURE.reason;

const IN_PROGRESS_MESSAGE =
  "This project is being provisioned right now. Wait for that run to finish, then try again.";

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
  /** A run older than this cannot still be working (the script timeout is shorter): it was interrupted. */
  staleAfterMs: number;
  /**
   * What must happen with the claim or not at all, in its transaction: saving the stack, and the
   * action's audit entry. A conflicting run leaves it undone.
   */
  alsoInTransaction?: (tx: Transaction, run: { id: string; attempt: number }) => Promise<T>;
}): Promise<{ id: string; attempt: number; also: T }> {
  const { db, projectId } = options;
  await interruptRuns(db, { projectId, startedBefore: new Date(Date.now() - options.staleAfterMs) });
  const last = await db.provisioningRun.aggregate({
    where: { projectId },
    _max: { attempt: true, startedAt: true },
  });
  if (options.notStartedSince && last._max.startedAt && last._max.startedAt >= options.notStartedSince) {
    throw new AppError("PROVISIONING_IN_PROGRESS", IN_PROGRESS_MESSAGE);
  }
  try {
    return await db.$transaction(async (tx) => {
      const run = await tx.provisioningRun.create({
        data: {
          projectId,
          attempt: (last._max.attempt ?? 0) + 1,
          status: "running",
          stack: options.stack,
          startedAt: new Date(),
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

export async function succeedRun(
  db: PrismaClient,
  runId: string,
  outcome: { scriptsUsed: string[]; checksPassed: string[]; log: string; projectPath: string },
) {
  await db.provisioningRun.update({
    where: { id: runId },
    data: {
      status: "succeeded",
      finishedAt: new Date(),
      scriptsUsed: outcome.scriptsUsed,
      checksPassed: outcome.checksPassed,
      logTail: outcome.log.slice(-LOG_TAIL_CHARS),
      projectPath: outcome.projectPath,
    },
  });
}

/**
 * `failure.reason` is the sentence the user reads; secrets must already be redacted from it and the
 * log. The step, whose fault it was and what fixes it are stored with it, as the run saw them.
 */
export async function failRun(
  db: PrismaClient,
  runId: string,
  outcome: { failure: RunFailure; scriptsUsed?: string[]; checksPassed?: string[]; log?: string },
): Promise<{ scriptsUsed: string[]; checksPassed: string[] }> {
  return db.provisioningRun.update({
    where: { id: runId },
    data: {
      status: "failed",
      finishedAt: new Date(),
      ...failureColumns(outcome.failure),
      scriptsUsed: outcome.scriptsUsed ?? [],
      checksPassed: outcome.checksPassed ?? [],
      logTail: (outcome.log ?? "").slice(-LOG_TAIL_CHARS),
    },
    select: { scriptsUsed: true, checksPassed: true },
  });
}

/**
 * Marks active runs that cannot finish any more as failed: every active run at start (a crash left
 * them), or one project's runs older than the timeout allows.
 */
export async function interruptRuns(
  db: PrismaClient,
  scope: { projectId?: string; startedBefore?: Date } = {},
): Promise<number> {
  const { count } = await db.provisioningRun.updateMany({
    where: {
      status: { in: ["pending", "running"] },
      ...(scope.projectId ? { projectId: scope.projectId } : {}),
      ...(scope.startedBefore ? { startedAt: { lt: scope.startedBefore } } : {}),
    },
    data: { status: "failed", finishedAt: new Date(), ...failureColumns(INTERRUPTED_FAILURE) },
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
