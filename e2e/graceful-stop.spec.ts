import { chmod, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { uniqueSuffix } from "./helpers";
import { Launcher } from "./launcher";

/**
 * SIGTERM (issue 25): the server stops taking requests, lets a run in flight finish within
 * LAUNCHPAD_STOP_TIMEOUT_MS, and fails a run that would take longer with that reason. The slow step
 * is real: PROVISION_SHELLCHECK points the setup.sh check at a shellcheck that waits first.
 */
const ROOT = path.resolve("test-results/e2e-graceful-stop");
const STACK = { backend: "laravel", database: "postgresql", frontend: "none", css: "tailwind" };

type Run = { status: string; error: string | null };

async function slowShellcheck(seconds: number): Promise<string> {
  const file = path.join(ROOT, `shellcheck-after-${seconds}s.sh`);
  await writeFile(file, `#!/bin/sh\nsleep ${seconds}\nexec shellcheck "$@"\n`);
  await chmod(file, 0o755);
  return file;
}

test("SIGTERM lets a run in flight finish, refuses new requests, and fails a run past the timeout", async () => {
  test.setTimeout(180_000);
  await rm(ROOT, { recursive: true, force: true });
  await mkdir(path.join(ROOT, "projects"), { recursive: true });
  const launcher = new Launcher(Number(process.env.E2E_PORT ?? 3210) + 3, {
    LAUNCHPAD_DATA_DIR: path.join(ROOT, "data"),
    PROJECTS_DIR: path.join(ROOT, "projects"),
  });

  async function saveInFlight(shellcheck: string, stopTimeoutMs: number) {
    await launcher.start({
      PROVISION_SHELLCHECK: shellcheck,
      LAUNCHPAD_STOP_TIMEOUT_MS: String(stopTimeoutMs),
    });
    const project = await launcher.call<{ slug: string }>(
      "project.create",
      { name: `Stop ${uniqueSuffix()}` },
      "mutation",
    );
    const interview = await launcher.call<{ id: string }>("interview.get", { slug: project.slug }, "query");
    const saved = launcher
      .call<{ provisioning: { success: boolean } }>(
        "interview.saveStack",
        { interviewId: interview.id, stack: STACK },
        "mutation",
      )
      .then(
        (result) => ({ answered: true, success: result.provisioning.success }),
        () => ({ answered: false, success: false }),
      );
    // In flight once the run is recorded as running.
    await expect
      .poll(
        async () =>
          (await launcher.call<{ runs: Run[] }>("provisioning.history", { slug: project.slug }, "query"))
            .runs[0]?.status,
        { timeout: 20_000, intervals: [100] },
      )
      .toBe("running");
    return { slug: project.slug, saved };
  }

  try {
    // A run that finishes within the wait: it succeeds, and its request gets its answer.
    const short = await saveInFlight(await slowShellcheck(4), 30_000);
    const stopped = launcher.stop("SIGTERM", { leaderOnly: true });
    // Meanwhile the server takes no new connection (a request on one still open would get 503).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const during = await fetch(`${launcher.baseURL}/api/trpc/catalogue.get`).then(
      (response) => response.status,
      () => "refused",
    );
    expect(during).toBe("refused");
    await stopped;
    expect(await short.saved).toEqual({ answered: true, success: true });
    expect(launcher.output).not.toMatch(/Stopping: failed/);

    // A run that would take longer than the wait: failed with that reason, then re-provisioned.
    const long = await saveInFlight(await slowShellcheck(60), 1000);
    await launcher.stop("SIGTERM", { leaderOnly: true });
    expect(launcher.output).toMatch(/Stopping: failed 1 run\(s\) still in flight after 1 s\./);
    await launcher.start();
    const history = await launcher.call<{ runs: Run[] }>(
      "provisioning.history",
      { slug: long.slug },
      "query",
    );
    expect(history.runs[0]).toMatchObject({
      status: "failed",
      error:
        "Interrupted: Launchpad was being stopped and this run did not finish within the 1 s it waits for runs in flight.",
    });
    const again = await launcher.call<{ success: boolean }>(
      "provisioning.reprovision",
      { slug: long.slug },
      "mutation",
    );
    expect(again.success).toBe(true);
  } finally {
    await launcher.stop();
    await rm(ROOT, { recursive: true, force: true });
  }
});
