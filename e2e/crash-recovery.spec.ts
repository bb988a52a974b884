import { existsSync } from "node:fs";
import { chmod, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { uniqueSuffix } from "./helpers";
import { Launcher } from "./launcher";

/**
 * SIGKILL of the whole server while a provisioning run is in progress. The slow step is real and set
 * through configuration: PROVISION_SHELLCHECK points the setup.sh check at a shellcheck that waits
 * first. The restarted server is a new instance: it fails the run once the killed one's lease
 * (PROVISION_LEASE_MS, short here) has run out. Repeated CRASH_TRIALS times (CI keeps it small;
 * CRASH_TRIALS=20 for the full figure).
 */
const LEASE_MS = 2000;
const TRIALS = Number(process.env.CRASH_TRIALS ?? 2);
const DATA_DIR = "test-results/e2e-crash-data";
const PROJECTS_DIR = path.resolve("test-results/e2e-crash-projects");
const SLOW_SHELLCHECK = path.resolve("test-results/slow-shellcheck.sh");

type Run = { status: string; error: string | null };

test("a run killed with the server is marked interrupted, leaves nothing behind, and re-provisions", async () => {
  test.setTimeout(120_000 * TRIALS);
  await rm(DATA_DIR, { recursive: true, force: true });
  await rm(PROJECTS_DIR, { recursive: true, force: true });
  await mkdir(PROJECTS_DIR, { recursive: true });
  await writeFile(SLOW_SHELLCHECK, '#!/bin/sh\nsleep 30\nexec shellcheck "$@"\n');
  await chmod(SLOW_SHELLCHECK, 0o755);
  const launcher = new Launcher(Number(process.env.E2E_PORT ?? 3210) + 2, {
    LAUNCHPAD_DATA_DIR: DATA_DIR,
    PROJECTS_DIR,
    PROVISION_LEASE_MS: String(LEASE_MS),
  });

  const failures: string[] = [];
  for (let trial = 0; trial < TRIALS; trial++) {
    await launcher.start({ PROVISION_SHELLCHECK: SLOW_SHELLCHECK });
    const project = await launcher.call<{ slug: string }>(
      "project.create",
      { name: `Crash ${uniqueSuffix()}` },
      "mutation",
    );
    const interview = await launcher.call<{ id: string }>("interview.get", { slug: project.slug }, "query");
    // Do distinct stacks, so that each trial meets a setup.sh the server has not shellchecked yet.
    const css = ["tailwind", "bootstrap", "none"][trial % 3];
    const backends = ["laravel", "django", "fastapi", "express", "nestjs"];
    const stack = {
      backend: backends[Math.floor(trial / 3) % backends.length],
      database: "postgresql",
      frontend: "react",
      css,
    };
    void launcher
      .call("interview.saveStack", { interviewId: interview.id, stack }, "mutation")
      .catch(() => undefined);

    // The run is in progress once its staging folder exists.
    await expect
      .poll(async () => (await readdir(PROJECTS_DIR)).some((entry) => entry.startsWith(".staging-")), {
        timeout: 20_000,
      })
      .toBe(true);
    await launcher.stop("SIGKILL");

    await launcher.start();
    const history = { runs: [] as Run[] };
    await expect
      .poll(
        async () => {
          history.runs = (
            await launcher.call<{ runs: Run[] }>("provisioning.history", { slug: project.slug }, "query")
          ).runs;
          return history.runs[0]?.status;
        },
        { timeout: 4 * LEASE_MS + 5000 },
      )
      .toBe("failed");
    const leftovers = (await readdir(PROJECTS_DIR)).filter((entry) => entry.startsWith(".staging-"));
    const reprovisioned = await launcher.call<{ success: boolean }>(
      "provisioning.reprovision",
      { slug: project.slug },
      "mutation",
    );
    const problems = [
      history.runs.length !== 1 && `${history.runs.length} runs`,
      history.runs[0]?.status !== "failed" && `run is ${history.runs[0]?.status}`,
      !/^Interrupted/.test(history.runs[0]?.error ?? "") && `reason ${history.runs[0]?.error}`,
      leftovers.length > 0 && `staging left: ${leftovers.join(", ")}`,
      !reprovisioned.success && "re-provision failed",
      !existsSync(path.join(PROJECTS_DIR, project.slug, "docker-compose.yml")) &&
        "no folder after re-provision",
    ].filter(Boolean);
    if (problems.length > 0) failures.push(`trial ${trial}: ${problems.join(", ")}`);
    await launcher.stop();
  }
  console.log(
    `crash recovery: ${TRIALS} trials, ${failures.length} failed${failures.length ? `: ${failures.join("; ")}` : ""}`,
  );
  expect(failures).toEqual([]);
});
