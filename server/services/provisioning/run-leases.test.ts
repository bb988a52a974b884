import { mkdir, readdir, utimes } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "../../db/client";
import { startEmbeddedDatabase } from "../../db/embedded";
import { prepareDatabase } from "../../db/prepare";
import { createScratchDatabase } from "../../test/global-setup";
import { testPortRange } from "../../test/port-ranges";
import { createProjectWithStack, testProvisioningConfig } from "../../test/provisioning-context";
import type { Stack } from "../../../provisioning/stack";
import { instanceId } from "../instances/instance-id";
import { claimRun, failExpiredRuns } from "./provisioning-runs";
import { provisionProject } from "./provision-project";
import { recoverInterruptedRuns } from "./recover-interrupted-runs";
import { keepLeaseAlive } from "./run-lease";
import { trackRun } from "../instances/runs-in-flight";
import { STAGING_PREFIX } from "./project-folder";

/**
 * Leases (issue 25): a run is failed only once the instance that claimed it stopped renewing its
 * lease; recovery removes only staging folders of runs that ended. Its own database: recovery looks
 * at every run, and other test files have runs in flight.
 */
const laravelPostgres: Stack = {
  backend: "laravel",
  database: "postgresql",
  frontend: "none",
  css: "tailwind",
};
const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let scratch: { url: string; stop(): Promise<void> };
let db: PrismaClient;

beforeAll(async () => {
  const serverUrl = process.env.TEST_DATABASE_URL?.trim();
  scratch = serverUrl ? await createScratchDatabase(serverUrl) : await startEmbeddedDatabase();
  await prepareDatabase(scratch.url);
  db = createPrismaClient(scratch.url, 3);
});

afterAll(async () => {
  await db.$disconnect();
  await scratch.stop();
});

async function activeRun(projectId: string, lease: { instanceId: string; expiresAt: Date } | null) {
  return db.provisioningRun.create({
    data: {
      projectId,
      attempt: 1,
      status: "running",
      stack: {},
      ...(lease ? { instanceId: lease.instanceId, leaseExpiresAt: lease.expiresAt } : {}),
    },
  });
}

describe(`run leases (${inject("databaseKind")})`, () => {
  it("recovery fails only runs whose lease ran out, and removes only their staging folders", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    const [live, dead, legacy, finished] = await Promise.all(
      [1, 2, 3, 4].map(() => createProjectWithStack(db, laravelPostgres)),
    );
    const liveRun = await activeRun(live!.id, {
      instanceId: "other-host:41:aaaaaa",
      expiresAt: new Date(Date.now() + HOUR),
    });
    const deadRun = await activeRun(dead!.id, {
      instanceId: "gone-host:42:bbbbbb",
      expiresAt: new Date(Date.now() - 1000),
    });
    const legacyRun = await activeRun(legacy!.id, null);
    await provisionProject({ db, projectId: finished!.id, config });
    const finishedRun = await db.provisioningRun.findFirstOrThrow({ where: { projectId: finished!.id } });

    const staging = (runId: string, slug: string) => `${STAGING_PREFIX}${runId}-${slug}-x1y2z3`;
    const folders = {
      live: staging(liveRun.id, live!.slug),
      dead: staging(deadRun.id, dead!.slug),
      finished: staging(finishedRun.id, finished!.slug),
      oldRelease: `${STAGING_PREFIX}${legacy!.slug}-abc123`,
      newRelease: `${STAGING_PREFIX}${legacy!.slug}-def456`,
    };
    for (const name of Object.values(folders))
      await mkdir(path.join(config.projectsDir, name, "backend"), { recursive: true });
    const longAgo = new Date(Date.now() - 2 * HOUR);
    await utimes(path.join(config.projectsDir, folders.oldRelease), longAgo, longAgo);

    const recovered = await recoverInterruptedRuns({
      db,
      projectsDir: config.projectsDir,
      staleAfterMs: HOUR,
    });

    expect(recovered).toEqual({ runs: 2, stagingFolders: 3 });
    const status = async (id: string) =>
      db.provisioningRun.findUniqueOrThrow({ where: { id }, select: { status: true, error: true } });
    expect(await status(liveRun.id)).toEqual({ status: "running", error: null });
    expect(await status(deadRun.id)).toEqual({
      status: "failed",
      error: "Interrupted: the Launchpad instance running it stopped before it finished.",
    });
    expect(await status(legacyRun.id)).toEqual({
      status: "failed",
      error: "Interrupted: Launchpad stopped while this run was in progress.",
    });
    expect((await readdir(config.projectsDir)).sort()).toEqual(
      [finished!.slug, folders.live, folders.newRelease].sort(),
    );
  });

  it("a renewed lease keeps its run; once renewal stops, the run fails when the lease runs out", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange(), leaseMs: 600 });
    const project = await createProjectWithStack(db, laravelPostgres);
    const run = await claimRun({ db, projectId: project.id, stack: laravelPostgres, config });
    const claimed = await db.provisioningRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(claimed.instanceId).toBe(instanceId());

    const lease = keepLeaseAlive(db, run.id, 600);
    await sleep(1500);
    expect(await failExpiredRuns(db, { projectId: project.id })).toEqual([]);
    lease.stop();
    await sleep(900);
    expect(await failExpiredRuns(db, { projectId: project.id })).toEqual([run.id]);
    const failed = await db.provisioningRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(failed.status).toBe("failed");
    expect(failed.error).toBe("Interrupted: the Launchpad instance running it stopped before it finished.");

    // Re-provision works at once: the failed run no longer holds the project.
    const again = await provisionProject({ db, projectId: project.id, config });
    expect(again).toMatchObject({ success: true, attempt: 2 });
  });

  it("never fails a run this process is still working on, whatever its lease says", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    const project = await createProjectWithStack(db, laravelPostgres);
    const run = await claimRun({ db, projectId: project.id, stack: laravelPostgres, config });
    // As after a sleep of the machine: the lease ran out before the renewal could run.
    await db.provisioningRun.update({
      where: { id: run.id },
      data: { leaseExpiresAt: new Date(Date.now() - HOUR) },
    });
    let finish = () => {};
    const work = trackRun(run.id, new Promise<void>((resolve) => (finish = resolve)));
    expect(await failExpiredRuns(db, { projectId: project.id })).toEqual([]);
    finish();
    await work;
    expect(await failExpiredRuns(db, { projectId: project.id })).toEqual([run.id]);
  });

  it("a run another instance failed meanwhile leaves the project folder alone and stays failed", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    const project = await createProjectWithStack(db, laravelPostgres);
    const run = await claimRun({ db, projectId: project.id, stack: laravelPostgres, config });
    // Another instance took the lease as expired and failed the run while this one worked.
    await db.provisioningRun.update({
      where: { id: run.id },
      data: {
        status: "failed",
        error: "Interrupted: the Launchpad instance running it stopped before it finished.",
      },
    });
    const result = await provisionProject({
      db,
      config,
      project: { ...project, description: "" },
      stack: laravelPostgres,
      claimedRun: run,
    });
    expect(result.success).toBe(false);
    expect(result.error).toMatch(/taken as interrupted while it worked/);
    expect(await readdir(config.projectsDir)).toEqual([]);
    const after = await db.provisioningRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(after.error).toBe("Interrupted: the Launchpad instance running it stopped before it finished.");
  });
});
