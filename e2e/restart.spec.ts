import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { expect, test } from "@playwright/test";

/**
 * A user who stops and starts Launchpad finds their projects again: this spec runs its own launcher
 * (embedded database in its own data folder) twice on another port.
 */
const PORT = 3211;
const DATA_DIR = "test-results/e2e-restart-data";
const baseURL = `http://127.0.0.1:${PORT}`;

function startLauncher(): ChildProcess {
  return spawn("node_modules/.bin/tsx", ["--conditions=react-server", "server/cli/start.ts"], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      LAUNCHPAD_DATA_DIR: DATA_DIR,
      PROJECTS_DIR: "test-results/e2e-projects",
    },
    stdio: "ignore",
  });
}

async function waitUntilServing(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(baseURL).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the launcher did not start serving within 60 s");
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

test("projects survive a restart of the app and its embedded database", async ({ page }) => {
  test.setTimeout(120_000);
  await rm(DATA_DIR, { recursive: true, force: true });
  const name = `Persistent ${randomBytes(3).toString("hex")}`;

  let launcher = startLauncher();
  try {
    await waitUntilServing();
    await page.goto(`${baseURL}/projects/new`);
    await page.getByLabel("Project name").fill(name);
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page).toHaveURL(/interview$/);
  } finally {
    await stop(launcher);
  }

  launcher = startLauncher();
  try {
    await waitUntilServing();
    await page.goto(baseURL);
    await expect(page.getByRole("list", { name: "Projects" }).getByRole("heading", { name })).toBeVisible();
  } finally {
    await stop(launcher);
  }
});
