import "server-only";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "../../db/client";
import { STAGING_PREFIX } from "./project-folder";
import { interruptRuns } from "./provisioning-runs";

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
  const runs = await interruptRuns(options.db);
  const entries = await readdir(options.projectsDir, { withFileTypes: true }).catch(() => []);
  const staging = entries.filter((entry) => entry.isDirectory() && entry.name.startsWith(STAGING_PREFIX));
  await Promise.all(
    staging.map((entry) => rm(path.join(options.projectsDir, entry.name), { recursive: true, force: true })),
  );
  return { runs, stagingFolders: staging.length };
}
