import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { ARCHIVE_FOLDER, type LifecycleStep } from "../../shared/project-lifecycle";
import { writeAuditEntry, type AuditRequest } from "../audit/record-audit";
import { failExpiredRuns } from "../provisioning/provisioning-runs";
import {
  DEFAULT_ARCHIVE_RETENTION_DAYS,
  staleAfter,
  type ProvisioningConfig,
} from "../provisioning/provisioning-config";
import type { PortAssignment } from "../../../provisioning/plan/project-plan";
import { moveIntoArchive } from "./archive-folder";
import { assertNoActiveRun, claimLifecycle, CLAIM_RELEASED, failLifecycle } from "./lifecycle-claim";

const DAY_MS = 24 * 60 * 60 * 1000;

export type ArchiveOutcome = {
  slug: string;
  archivedAt: Date;
  retainUntil: Date;
  /** Where the folder waits now, or null when the project had none. */
  folder: string | null;
  releasedPorts: { purpose: string; port: number }[];
  credentialsDropped: boolean;
};

/**
 * Archives a project (issue 29), confirmed by its name typed again. Steps, each checked:
 * 1. claim: no provisioning run active, not archived already, no other operation (one transaction);
 * 2. move the folder to PROJECTS_DIR/.archive/<slug> (one rename);
 * 3. release its ports (remembered for a restore), drop the stored credentials (the folder's own .env
 *    keeps them), mark it archived with its retention end, and audit: one transaction.
 * A failed step leaves what came before it done and what comes after undone; it is recorded on the
 * project and retried by archiving again, which skips what is already done.
 */
export async function archiveProject(options: {
  db: PrismaClient;
  slug: string;
  confirmName: string;
  config: ProvisioningConfig;
  audit: AuditRequest;
  expectedOwnerId?: string | null;
}): Promise<ArchiveOutcome> {
  const { db, slug, config } = options;
  // A run whose instance stopped must not block the archive for ever: fail it first, with its reason.
  const known = await db.project.findUnique({ where: { slug }, select: { id: true } });
  if (known) await failExpiredRuns(db, { projectId: known.id, staleAfterMs: staleAfter(config) });

  const project = await claimLifecycle({
    db,
    slug,
    operation: "archive",
    confirmName: options.confirmName,
    expectedOwnerId: options.expectedOwnerId,
    precondition: async (row, tx) => {
      if (row.archivedAt) {
        throw new AppError("PROJECT_ARCHIVED", "This project is archived already: restore or purge it.");
      }
      await assertNoActiveRun(tx, row.id);
    },
  });

  let step: LifecycleStep = "move-to-archive";
  try {
    const moved = await moveIntoArchive(config.projectsDir, slug);
    step = "release";
    const retentionDays = config.archiveRetentionDays ?? DEFAULT_ARCHIVE_RETENTION_DAYS;
    return await db.$transaction(async (tx) => {
      const ports = await tx.portAllocation.findMany({
        where: { projectId: project.id },
        select: { port: true, purpose: true },
        orderBy: { port: "asc" },
      });
      await tx.portAllocation.deleteMany({ where: { projectId: project.id } });
      const credentials = await tx.projectCredentials.deleteMany({ where: { projectId: project.id } });
      const archivedPorts: PortAssignment = Object.fromEntries(ports.map((row) => [row.purpose, row.port]));
      // The database's clock, as the restore's retention check and the claim use.
      const [clock] = await tx.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
      const archivedAt = clock!.now;
      const retainUntil = new Date(archivedAt.getTime() + retentionDays * DAY_MS);
      await tx.project.update({
        where: { id: project.id },
        data: { archivedAt, retainUntil, archivedPorts, ...CLAIM_RELEASED },
      });
      await writeAuditEntry(tx, {
        action: "project.archived",
        ...options.audit,
        project: { id: project.id, slug },
        detail: {
          retainUntil: retainUntil.toISOString(),
          portsReleased: ports.length,
          credentialsDropped: credentials.count > 0,
          folder: moved === "none" ? "none" : `projects/${ARCHIVE_FOLDER}/${slug}`,
        },
      });
      return {
        slug,
        archivedAt,
        retainUntil,
        folder: moved === "none" ? null : `projects/${ARCHIVE_FOLDER}/${slug}`,
        releasedPorts: ports.map((row) => ({ purpose: row.purpose, port: row.port })),
        credentialsDropped: credentials.count > 0,
      };
    });
  } catch (error) {
    throw await failLifecycle(
      db,
      project.id,
      "archive",
      step,
      error,
      step === "move-to-archive"
        ? "Nothing was changed: the folder, its ports and credentials are as they were. Fix the cause, then archive again."
        : `The folder is already in projects/${ARCHIVE_FOLDER}/${slug}; its ports and credentials are not released yet. Archive again to finish.`,
    );
  }
}
