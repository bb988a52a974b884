import "server-only";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "../../db/client";
import { STAGING_PREFIX } from "./project-folder";

export const INTERRUPTED_REASON =
  "Interrupted: Launchpad stopped while this run was in progress. Press Re-provision.";

/**
 * After a crash: runs still marked pending or running cannot finish any more, so they are marked
 * failed as interrupted, and staging folders they left are removed. Project folders are never half
 * written (they appear in one rename), so nothing else needs cleaning. Launchpad runs as a single
 * instance; this is called once at start, before it serves requests.
 */
export async function recoverInterruptedRuns(options: {
  db: PrismaClient;
  projectsDir: string;
}): Promise<{ runs: number; stagingFolders: number }> {
  const { count } = await options.db.provisioningRun.updateMany({
    where: { status: { in: ["pending", "running"] } },
    data: { status: "failed", finishedAt: new Date(), error: INTERRUPTED_REASON },
  });
  const entries = await readdir(options.projectsDir, { withFileTypes: true }).catch(() => []);
  const staging = entries.filter((entry) => entry.isDirectory() && entry.name.startsWith(STAGING_PREFIX));
  await Promise.all(
    staging.map((entry) => rm(path.join(options.projectsDir, entry.name), { recursive: true, force: true })),
  );
  return { runs: count, stagingFolders: staging.length };
}
