import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { createProjectWithStack, testProvisioningConfig } from "../../test/provisioning-context";
import { testDb } from "../../test/test-context";
import type { Stack } from "../../../provisioning/stack";
import { provisionProject } from "./provision-project";
import { testPortRange } from "../../test/port-ranges";

/**
 * Real filesystem faults: a tiny tmpfs filled to the brim, and a folder made immutable (as root,
 * permissions alone would not stop the writes). Both need root; elsewhere the tests say why they skip.
 */
const stack: Stack = { backend: "laravel", database: "postgresql", frontend: "none", css: "tailwind" };
const db = testDb();
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function tryRun(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe(`filesystem faults (${inject("databaseKind")})`, () => {
  it("a full disk fails with a clear reason, leaves no partial folder, and the database agrees", async (context) => {
    const mountPoint = await mkdtemp(path.join(os.tmpdir(), "launchpad-full-"));
    if (!tryRun("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint])) {
      context.skip("mounting a tmpfs needs root");
    }
    cleanups.push(() => tryRun("umount", [mountPoint]));
    const projectsDir = path.join(mountPoint, "projects");
    await mkdir(projectsDir);
    // Fill the file system, leaving too little room for a project.
    await writeFile(path.join(mountPoint, "filler"), Buffer.alloc(56 * 1024)).catch(() => undefined);

    const config = await testProvisioningConfig({ projectsDir, portRange: await testPortRange() });
    const project = await createProjectWithStack(db, stack);
    const result = await provisionProject({ db, projectId: project.id, config });
    expect(result).toMatchObject({ success: false, status: "failed", projectPath: null });
    expect(result.error).toMatch(/^Could not write the project files \(.+\): the disk is full\.$/);
    expect(result.failure).toMatchObject({ step: "write", fault: "environment" });
    expect(result.failure?.advice).toBe("Free space on the disk that holds the projects folder.");
    expect(await readdir(projectsDir)).toEqual([]);
    const runs = await db.provisioningRun.findMany({ where: { projectId: project.id } });
    expect(runs.map((run) => [run.status, run.projectPath])).toEqual([["failed", null]]);

    await rm(path.join(mountPoint, "filler"));
    const retried = await provisionProject({ db, projectId: project.id, config });
    expect(retried.success).toBe(true);
    expect(await readdir(projectsDir)).toEqual([project.slug]);
  });

  it("an unwritable projects folder fails with a clear reason and writes nothing", async (context) => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    if (!tryRun("chattr", ["+i", config.projectsDir]))
      context.skip("chattr +i needs root and a file system that supports it");
    cleanups.push(() => tryRun("chattr", ["-i", config.projectsDir]));
    const project = await createProjectWithStack(db, stack);
    const result = await provisionProject({ db, projectId: project.id, config });
    expect(result.error).toMatch(/^Could not write to the projects folder \(.+\): permission denied\.$/);
    expect(result.failure).toMatchObject({ step: "write", fault: "environment" });
    expect(result.failure?.advice).toMatch(/write access to the folder named in the reason.*chattr -R -i/);
    const run = await db.provisioningRun.findUniqueOrThrow({ where: { id: result.runId ?? "" } });
    expect(run).toMatchObject({ failedStep: "write", failureFault: "environment" });
    tryRun("chattr", ["-i", config.projectsDir]);
    expect(await readdir(config.projectsDir)).toEqual([]);
    expect((await provisionProject({ db, projectId: project.id, config })).success).toBe(true);
  });

  it("a project folder that cannot be changed fails a re-provision at the move, with the reason and what to do", async (context) => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    const project = await createProjectWithStack(db, stack);
    expect((await provisionProject({ db, projectId: project.id, config })).success).toBe(true);
    const folder = path.join(config.projectsDir, project.slug);
    if (!tryRun("chattr", ["-R", "+i", folder]))
      context.skip("chattr +i needs root and a file system that supports it");
    cleanups.push(() => tryRun("chattr", ["-R", "-i", folder]));

    const result = await provisionProject({ db, projectId: project.id, config });
    expect(result.error).toMatch(
      /^Could not move the files into the project folder \(.+\): permission denied\.$/,
    );
    expect(result.failure).toMatchObject({
      step: "commit",
      stepLabel: "Moving the files into the project folder",
      fault: "environment",
    });
    expect(result.nextSteps.at(-1)).toMatch(/press Re-provision/);
    expect(await readdir(config.projectsDir)).toEqual([project.slug]);
    tryRun("chattr", ["-R", "-i", folder]);
    expect((await provisionProject({ db, projectId: project.id, config })).success).toBe(true);
  });
});
