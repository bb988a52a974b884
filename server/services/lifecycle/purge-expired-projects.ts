import "server-only";
import type { PrismaClient } from "../../db/client";
import { isAppError } from "../../errors/app-error";
import { instanceId } from "../instances/instance-id";
import type { ProvisioningConfig } from "../provisioning/provisioning-config";
import { purgeProject } from "./purge-project";

export const PURGE_JOB = "purge-expired-archives";

export type PurgeRun =
  { ran: false } | { ran: true; purged: string[]; failed: { slug: string; reason: string }[] };

/**
 * The daily job: purges every archived project whose retention ended. Every instance calls it (at
 * start and then every hour, server/cli/start.ts), and the first one that moves the job's day to
 * today in the database runs it; the others find the day taken and do nothing. A purge that fails is
 * recorded on its project (the page shows it, and the owner can purge again) and tried again the
 * next day; the others go on. A project restored (or purged by hand) since it was listed is skipped.
 */
export async function purgeExpiredProjects(options: {
  db: PrismaClient;
  config: Pick<ProvisioningConfig, "projectsDir">;
  now?: Date;
}): Promise<PurgeRun> {
  const { db, config } = options;
  const now = options.now ?? new Date();
  const today = now.toISOString().slice(0, 10);
  const claimed = await db.$queryRaw<{ name: string }[]>`
    INSERT INTO "ScheduledJob" (name, "lastRunOn", "instanceId", "startedAt")
    VALUES (${PURGE_JOB}, ${today}, ${instanceId()}, clock_timestamp())
    ON CONFLICT (name) DO UPDATE
      SET "lastRunOn" = EXCLUDED."lastRunOn", "instanceId" = EXCLUDED."instanceId", "startedAt" = EXCLUDED."startedAt"
      WHERE "ScheduledJob"."lastRunOn" < EXCLUDED."lastRunOn"
    RETURNING name`;
  if (claimed.length === 0) return { ran: false };

  const expired = await db.project.findMany({
    where: { archivedAt: { not: null }, retainUntil: { lt: now } },
    select: { slug: true },
    orderBy: { retainUntil: "asc" },
  });
  const purged: string[] = [];
  const failed: { slug: string; reason: string }[] = [];
  for (const { slug } of expired) {
    try {
      await purgeProject({
        db,
        slug,
        config,
        reason: "retention-ended",
        retentionEndedBy: now,
        audit: { actor: { id: null, email: null }, headers: null },
      });
      purged.push(slug);
    } catch (error) {
      if (isAppError(error, "CHANGED_MEANWHILE") || isAppError(error, "NOT_FOUND")) continue;
      failed.push({ slug, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { ran: true, purged, failed };
}
