import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createProjectWithStack, testProvisioningConfig } from "../../test/provisioning-context";
import { testDb } from "../../test/test-context";
import type { Stack } from "../../../provisioning/stack";
import { provisionProject } from "./provision-project";

const RUNS = Number(process.env.SYMLINK_RACE_RUNS ?? 100);
const stack: Stack = { backend: "express", database: "postgresql", frontend: "none", css: "none" };
const db = testDb();

/**
 * Another process that, as fast as it can, moves the project folder aside (still inside PROJECTS_DIR)
 * and puts a symbolic link to `outside` in its place, then puts the folder back.
 */
const SWAPPER = `
const fs = require("node:fs");
const [project, hidden, outside] = process.argv.slice(1);
const quietly = (f) => { try { f(); } catch {} };
let stopped = false;
process.on("SIGTERM", () => { stopped = true; });
(function loop() {
  for (let i = 0; i < 50 && !stopped; i++) {
    quietly(() => fs.renameSync(project, hidden));
    quietly(() => fs.symlinkSync(outside, project));
    quietly(() => fs.unlinkSync(project));
    quietly(() => fs.renameSync(hidden, project));
    // A run that found no folder made a new one meanwhile: drop the old one and go on swapping.
    if (fs.existsSync(hidden)) quietly(() => fs.rmSync(hidden, { recursive: true, force: true }));
  }
  if (stopped) process.exit(0);
  setImmediate(loop);
})();
`;

describe("a project folder swapped for a symbolic link during re-provisioning", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it(`never makes Launchpad write outside PROJECTS_DIR (${RUNS} re-provisions)`, async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), "launchpad-race-"));
    dirs.push(parent);
    const outside = path.join(parent, "outside");
    await import("node:fs/promises").then((fs) => fs.mkdir(outside));
    const config = await testProvisioningConfig({
      projectsDir: path.join(parent, "projects"),
      portRange: { start: 46_300, end: 46_399 },
    });
    const project = await createProjectWithStack(db, stack);
    const first = await provisionProject({ db, projectId: project.id, config });
    expect(first.success).toBe(true);

    const projectPath = path.join(config.projectsDir, project.slug);
    const swapper = spawn(
      process.execPath,
      ["-e", SWAPPER, projectPath, path.join(config.projectsDir, `.hidden-${project.slug}`), outside],
      { stdio: "ignore" },
    );
    const outcomes: string[] = [];
    try {
      for (let run = 0; run < RUNS; run++) {
        const result = await provisionProject({ db, projectId: project.id, config });
        outcomes.push(result.success ? "ok" : `${result.errorCode}: ${result.error}`);
      }
    } finally {
      const exited = new Promise((resolve) => swapper.once("exit", resolve));
      swapper.kill("SIGTERM");
      await exited;
    }

    expect(await readdir(outside, { recursive: true })).toEqual([]);
    // The race was real: some runs met the link and were refused, and none failed another way.
    expect(outcomes.filter((outcome) => outcome !== "ok" && !outcome.startsWith("UNSAFE_PATH"))).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.startsWith("UNSAFE_PATH")).length).toBeGreaterThan(0);
  });
});
