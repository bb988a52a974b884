import "server-only";
import type { PrismaClient, Transaction } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors/app-error";
import { LIFECYCLE_CLAIM_MS } from "./lifecycle-state";
import {
  archiveUnfinished,
  LIFECYCLE_STEPS,
  readLifecycleFailure,
  type LifecycleFailure,
  type LifecycleOperation,
  type LifecycleStep,
} from "../../shared/project-lifecycle";

/**
 * The claim that keeps an archive, restore or purge of a project from overlapping another one or a
 * provisioning run, on every instance that shares the database: the project's row is locked
 * (SELECT ... FOR UPDATE) while the claim is checked and taken, and claimRun locks the same row
 * before it records a run (provisioning-runs.ts). The operations take a second or two; a claim older
 * than LIFECYCLE_CLAIM_MS is one whose instance stopped, and may be taken over.
 */

const ACTIVE_RUN = { in: ["pending" as const, "running" as const] };

const VERB: Record<LifecycleOperation, string> = {
  archive: "An archive",
  restore: "A restore",
  purge: "A purge",
};

export type ProjectLockState = {
  archived: boolean;
  busyWith: LifecycleOperation | null;
  /** An archive stopped after its folder moved: nothing may run until it is archived again. */
  halfArchived: boolean;
};

/**
 * Locks the project's row until the transaction ends and says whether it is archived, and which
 * operation holds a live claim on it. Null when there is no such project.
 */
export async function lockProject(tx: Transaction, projectId: string): Promise<ProjectLockState | null> {
  const [row] = await tx.$queryRaw<
    { archived: boolean; operation: LifecycleOperation | null; fresh: boolean; failure: unknown }[]
  >`
    SELECT "archivedAt" IS NOT NULL AS archived, "lifecycleOperation" AS operation,
      COALESCE("lifecycleClaimedAt" > ${DATABASE_UTC_NOW} - ${LIFECYCLE_CLAIM_MS}::int * interval '1 millisecond', false) AS fresh,
      "lifecycleFailure" AS failure
    FROM "Project" WHERE id = ${projectId}::uuid
    FOR UPDATE`;
  if (!row) return null;
  return {
    archived: row.archived,
    busyWith: row.fresh ? row.operation : null,
    halfArchived:
      !row.archived &&
      archiveUnfinished({
        failure: readLifecycleFailure(row.failure),
        interrupted: row.fresh ? null : row.operation,
      }),
  };
}

/**
 * The database's clock as a UTC timestamp: the columns are timestamps without a time zone that
 * Prisma reads as UTC, whatever the database's TimeZone setting.
 */
const DATABASE_UTC_NOW = Prisma.sql`(clock_timestamp() AT TIME ZONE 'UTC')`;

/** The refusal for a project another archive, restore or purge works on. */
export function busyError(operation: LifecycleOperation): AppError {
  return new AppError(
    "PROJECT_BUSY",
    `${VERB[operation]} of this project is under way. Wait for it to finish (a few seconds), then reload the page.`,
  );
}

const claimedSelect = {
  id: true,
  name: true,
  slug: true,
  ownerId: true,
  archivedAt: true,
  retainUntil: true,
  archivedPorts: true,
  lifecycleFailure: true,
  purgeStartedAt: true,
} satisfies Prisma.ProjectSelect;
export type ClaimedProject = Prisma.ProjectGetPayload<{ select: typeof claimedSelect }>;

/**
 * Takes the claim for `operation` on the project `slug`, in one transaction with its checks: the
 * owner the caller was authorized against, the typed name, no live claim, and `precondition` (which
 * sees the locked row). Throws the first check that fails; nothing is changed then.
 */
export async function claimLifecycle(options: {
  db: PrismaClient;
  slug: string;
  operation: LifecycleOperation;
  /** The owner when the caller was authorized; undefined skips the check (in-process callers). */
  expectedOwnerId?: string | null;
  /** The name the user typed to confirm; undefined for an operation that needs none. */
  confirmName?: string;
  precondition: (project: ClaimedProject, tx: Transaction) => Promise<void>;
}): Promise<ClaimedProject> {
  const { operation } = options;
  return options.db.$transaction(async (tx) => {
    const found = await tx.project.findUnique({ where: { slug: options.slug }, select: { id: true } });
    const state = found ? await lockProject(tx, found.id) : null;
    if (!found || !state) throw new AppError("NOT_FOUND", `There is no project "${options.slug}".`);
    const project = await tx.project.findUniqueOrThrow({ where: { id: found.id }, select: claimedSelect });
    if (options.expectedOwnerId !== undefined && project.ownerId !== options.expectedOwnerId) {
      throw new AppError(
        "CHANGED_MEANWHILE",
        "The project changed hands meanwhile: reload the page to see its owner.",
      );
    }
    if (options.confirmName !== undefined && options.confirmName.trim() !== project.name) {
      throw new AppError(
        "INVALID_INPUT",
        `The name you typed does not match. Type the project's name, ${project.name}, exactly as it is written to ${operation} it.`,
      );
    }
    if (state.busyWith) throw busyError(state.busyWith);
    await options.precondition(project, tx);
    await tx.$executeRaw`
      UPDATE "Project"
      SET "lifecycleOperation" = ${operation}, "lifecycleClaimedAt" = ${DATABASE_UTC_NOW}, "lifecycleFailure" = NULL
      WHERE id = ${project.id}::uuid`;
    return project;
  });
}

/** Refuses an archive while a provisioning run of the project is active (the row is locked). */
export async function assertNoActiveRun(tx: Transaction, projectId: string): Promise<void> {
  const active = await tx.provisioningRun.count({ where: { projectId, status: ACTIVE_RUN } });
  if (active > 0) {
    throw new AppError(
      "PROVISIONING_IN_PROGRESS",
      "This project is being provisioned right now. Archive it when that run has finished.",
    );
  }
}

/** A failed step: recorded on the project, then thrown as the sentence the page shows. */
export class LifecycleStepError extends AppError {
  constructor(
    readonly failure: LifecycleFailure,
    message: string,
  ) {
    super("LIFECYCLE_STEP_FAILED", message);
  }
}

/** The reason a step failed, in the user's words: Launchpad's own message, or a neutral one. */
export function stepReason(error: unknown): string {
  if (error instanceof AppError) return error.message;
  console.error("An archive, restore or purge step failed:", error);
  return "An unexpected error stopped it; the server log has the details.";
}

/**
 * Releases the claim after `step` failed, records the failure on the project (the page shows it
 * until the operation is retried) and gives the error to throw.
 */
export async function failLifecycle(
  db: PrismaClient,
  projectId: string,
  operation: LifecycleOperation,
  step: LifecycleStep,
  error: unknown,
  whatHolds: string,
): Promise<LifecycleStepError> {
  const failure: LifecycleFailure = {
    operation,
    step,
    reason: stepReason(error),
    holds: whatHolds,
    at: new Date().toISOString(),
  };
  await db.project
    .updateMany({
      where: { id: projectId, lifecycleOperation: operation },
      data: { lifecycleOperation: null, lifecycleClaimedAt: null, lifecycleFailure: failure },
    })
    .catch((recordError: unknown) => {
      // The database is what failed, most likely: the claim then runs out on its own.
      console.error("Could not record the failed step:", recordError);
    });
  return new LifecycleStepError(
    failure,
    `${VERB[operation]} stopped at “${LIFECYCLE_STEPS[step]}”: ${failure.reason} ${whatHolds}`,
  );
}

/** The columns that end a claim with success. */
export const CLAIM_RELEASED = {
  lifecycleOperation: null,
  lifecycleClaimedAt: null,
  lifecycleFailure: Prisma.DbNull,
} as const;

/** The refusal for a project whose archive stopped after its folder moved. */
export function halfArchivedError(): AppError {
  return new AppError(
    "PROJECT_BUSY",
    "An archive of this project stopped after its folder moved to projects/.archive: archive it again to finish, then restore it if you want it back.",
  );
}
