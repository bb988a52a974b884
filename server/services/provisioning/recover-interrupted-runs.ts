import "server-only";
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "../../db/client";
import { STAGING_PREFIX, stagingRunId } from "./project-folder";
import { failExpiredRuns } from "./provisioning-runs";

/**
 * Run at start and then periodically by every instance (server/cli/start.ts): fails the runs whose
 * instance stopped renewing their lease, each with its reason, and removes the staging folders of
 * runs that are no longer active. Runs and folders other live instances work on are left alone.
 * Project folders are never half written (they appear in one rename), so nothing else needs cleaning.
 */
export async function recoverInterruptedRuns(options: {
  db: PrismaClient;
  projectsDir: string;
  /** Staging folders of older releases (no run id in the name) are removed after this age. */
  staleAfterMs: number;
}): Promise<{ runs: number; stagingFolders: number }> {
  const { db, projectsDir } = options;
  const failed = await failExpiredRuns(db);
  const entries = await readdir(projectsDir, { withFileTypes: true }).catch(() => []);
  const staging = entries.filter((entry) => entry.isDirectory() && entry.name.startsWith(STAGING_PREFIX));
  const owners = staging.map((entry) => stagingRunId(entry.name));
  const ids = owners.filter((id): id is string => id !== null);
  const active = new Set(
    (
      await db.provisioningRun.findMany({
        where: { id: { in: ids }, status: { in: ["pending", "running"] } },
        select: { id: true },
      })
    ).map((run) => run.id),
  );
  let removed = 0;
  for (const [index, entry] of staging.entries()) {
    const owner = owners[index];
    const full = path.join(projectsDir, entry.name);
    if (owner ? active.has(owner) : !(await olderThan(full, options.staleAfterMs))) continue;
    await rm(full, { recursive: true, force: true });
    removed++;
  }
  return { runs: failed.length, stagingFolders: removed };
}

async function olderThan(folder: string, ms: number): Promise<boolean> {
  const info = await stat(folder).catch(() => null);
  return info !== null && Date.now() - info.mtimeMs > ms;
}
