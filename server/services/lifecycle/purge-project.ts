import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { ARCHIVE_FOLDER, type LifecycleStep } from "../../shared/project-lifecycle";
import { writeAuditEntry, type AuditRequest } from "../audit/record-audit";
import type { ProvisioningConfig } from "../provisioning/provisioning-config";
import { findProjectFolder, removeArchivedFolder } from "./archive-folder";
import { claimLifecycle, failLifecycle } from "./lifecycle-claim";

export type PurgeOutcome = { slug: string; folderRemoved: boolean };

/**
 * Purges an archived project for good (issue 29): by hand (confirmed by its name typed again) or by
 * the daily job when its retention ended (purge-expired-projects.ts). Steps, each checked:
 * 1. claim: archived, no other operation;
 * 2. remove PROJECTS_DIR/.archive/<slug>, then check it is gone;
 * 3. delete the project's row (its runs, interview and remote go with it; audit entries keep its
 *    slug) and audit the purge: one transaction. Its slug is free again after that.
 * A failed step is recorded on the project and retried by purging again.
 */
export async function purgeProject(options: {
  db: PrismaClient;
  slug: string;
  /** The typed name; the daily job passes none. */
  confirmName?: string;
  config: Pick<ProvisioningConfig, "projectsDir">;
  audit: AuditRequest;
  expectedOwnerId?: string | null;
  /** Why, for the audit entry: by hand, or because its retention ended. */
  reason: "by-hand" | "retention-ended";
  /** For the daily job: the moment its retention must have ended by, checked under the claim. */
  retentionEndedBy?: Date;
}): Promise<PurgeOutcome> {
  const { db, slug, config } = options;
  const project = await claimLifecycle({
    db,
    slug,
    operation: "purge",
    confirmName: options.confirmName,
    expectedOwnerId: options.expectedOwnerId,
    precondition: async (row) => {
      if (!row.archivedAt) {
        throw new AppError("INVALID_INPUT", "Only an archived project can be purged: archive it first.");
      }
      // Restored and archived again since the job listed it: its new retention counts.
      const by = options.retentionEndedBy;
      if (by && !(row.retainUntil && row.retainUntil <= by)) {
        throw new AppError("CHANGED_MEANWHILE", "Its retention was renewed meanwhile.");
      }
      // Checked under the lock, so no restore can move it meanwhile.
      if ((await findProjectFolder(config.projectsDir, slug)) === "projects") {
        throw new AppError(
          "INVALID_INPUT",
          `Its folder is back in projects/${slug} (a restore stopped before it finished), and Launchpad purges only a folder in the archive: restore the project again to finish the restore.`,
        );
      }
    },
  });

  let step: LifecycleStep = "remove-folder";
  try {
    const removed = await removeArchivedFolder(config.projectsDir, slug, async () => {
      // Before the first file goes, and for good: a partly removed folder is never restored.
      await db.project.updateMany({
        where: { id: project.id, purgeStartedAt: null },
        data: { purgeStartedAt: new Date() },
      });
    });
    step = "record";
    await db.$transaction(async (tx) => {
      // Written first: deleting the project then sets the entry's projectId to null and keeps its slug.
      await writeAuditEntry(tx, {
        action: "project.purged",
        ...options.audit,
        project: { id: project.id, slug },
        detail: { reason: options.reason, folderRemoved: removed === "removed" },
      });
      await tx.project.delete({ where: { id: project.id } });
    });
    return { slug, folderRemoved: removed === "removed" };
  } catch (error) {
    throw await failLifecycle(
      db,
      project.id,
      "purge",
      step,
      error,
      step === "remove-folder"
        ? `The project stays archived; whatever is left of its folder is in projects/${ARCHIVE_FOLDER}/${slug}. Fix the cause, then purge again.`
        : "The folder is gone, but the project is still listed as archived. Purge again to finish.",
    );
  }
}
