import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { createSavedProject, PROJECTS_DIR, uniqueSuffix } from "./helpers";

/**
 * The project's git repository and remote on the project page (issue 28), in Chromium against the
 * real app: the run's commit is named in its details and is main's and launchpad's; a remote that
 * is not https is refused with its reason; a remote on the allowed host is kept without its token,
 * and a push that cannot reach it says so. Pushing to a real server is tested in server/services/git.
 */
const run = promisify(execFile);

test("a saved project is a git repository, and its remote is set, pushed and removed from the page", async ({
  page,
}) => {
  const slug = await createSavedProject(page, `Git ${uniqueSuffix()}`);

  await page.getByRole("button", { name: "Details of run #1" }).click();
  const note = page.getByTestId("run-git-note");
  await expect(note).toContainText("as the first commit of main and launchpad");
  const folder = path.join(PROJECTS_DIR, slug);
  const main = (await run("git", ["rev-parse", "main"], { cwd: folder })).stdout.trim();
  await expect(note).toContainText(main.slice(0, 12));

  const git = page.getByRole("region", { name: "Git" });
  await git.getByLabel("Remote URL (https)").fill("http://127.0.0.1:9/shop.git");
  await git.getByLabel("Access token").fill("e2e-token-123456");
  await git.getByRole("button", { name: "Save the remote" }).click();
  await expect(git.getByRole("alert")).toContainText("Only https remotes are allowed; this one is http.");

  await git.getByLabel("Remote URL (https)").fill("https://127.0.0.1:9/shop.git");
  await git.getByRole("button", { name: "Save the remote" }).click();
  await expect(git).toContainText("Remote: https://127.0.0.1:9/shop.git (access token stored, not shown)");
  await expect(page.getByRole("main")).not.toContainText("e2e-token-123456");

  await git.getByRole("button", { name: "Push main and launchpad" }).click();
  await expect(git.getByTestId("last-push")).toContainText("could not be reached, so nothing was pushed");

  await git.getByRole("button", { name: "Remove the remote" }).click();
  await expect(git.getByLabel("Remote URL (https)")).toBeVisible();
});
