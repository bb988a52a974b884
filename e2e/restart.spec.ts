import { rm } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "./accounts";
import { signInThroughPage, uniqueSuffix } from "./helpers";
import { Launcher } from "./launcher";

/**
 * A user who stops and starts Launchpad finds their projects again: this spec runs its own launcher
 * (embedded database in its own data folder) twice on another port.
 */
const DATA_DIR = "test-results/e2e-restart-data";

test("projects survive a restart of the app and its embedded database", async ({ page }) => {
  test.setTimeout(120_000);
  await rm(DATA_DIR, { recursive: true, force: true });
  const launcher = new Launcher(Number(process.env.E2E_PORT ?? 3210) + 1, {
    LAUNCHPAD_DATA_DIR: DATA_DIR,
    PROJECTS_DIR: "test-results/e2e-projects",
  });
  const name = `Persistent ${uniqueSuffix()}`;

  await launcher.start();
  try {
    await signInThroughPage(page, launcher.baseURL, E2E_ADMIN);
    await page.goto(`${launcher.baseURL}/projects/new`);
    await page.getByLabel("Project name").fill(name);
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page).toHaveURL(/interview(\?step=\w+)?$/);
  } finally {
    await launcher.stop();
  }

  await launcher.start();
  try {
    // Still signed in: the session was kept in the database too.
    await page.goto(launcher.baseURL);
    await expect(page.getByRole("list", { name: "Projects" }).getByRole("heading", { name })).toBeVisible();
  } finally {
    await launcher.stop();
  }
});
