import { execFileSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { STORAGE_STATE } from "./accounts";
import { answerInterview, createProject, PROJECTS_DIR, SCREENSHOTS_DIR, uniqueSuffix } from "./helpers";

/**
 * What the pages say is what is true (issue 18), with real failures and no reload anywhere after
 * the first page load: a stack change whose provisioning fails, one that succeeds, a failed first
 * Save, a viewer's view of a failure, and another user's run appearing by itself.
 */

const STACK = { backend: /^Express/, database: /^SQLite/, frontend: /^React/, css: /^None/ };

/** The provisioning history's rows, newest first (the header row left out). */
const historyRows = (page: Page) =>
  page
    .getByRole("table", { name: "Provisioning history" })
    .getByRole("row")
    .filter({ hasNot: page.getByRole("columnheader") });

/** A provisioned project of the member's, with the browser on its project page. */
async function provisionedProject(page: Page, label: string): Promise<string> {
  const slug = await createProject(page, `${label} ${uniqueSuffix()}`, "Checked by the live status suite.");
  await answerInterview(page, STACK);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog", { name: "Your project is ready" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
  await expect(page.getByText("Provisioned", { exact: true })).toBeVisible();
  return slug;
}

/** Makes a project's folder unchangeable, even for root, as a full or locked-down disk would. */
function makeImmutable(folder: string, on: boolean) {
  execFileSync("chattr", ["-R", on ? "+i" : "-i", folder]);
}

/** Opens "Change the stack" (at the backend), goes to the CSS question, picks another answer and saves. */
async function changeCss(page: Page, css: RegExp) {
  await page.getByRole("link", { name: "Change the stack" }).click();
  await expect(page.getByText("Step 2 of 6")).toBeVisible();
  await page
    .getByRole("navigation", { name: "Interview progress" })
    .getByRole("link", { name: /^Q\d CSS\b/ })
    .click();
  await expect(page.getByText("Step 5 of 6")).toBeVisible();
  await page.getByRole("radio", { name: css }).click();
  await expect(page.getByText("Step 6 of 6")).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
}

test("a stack change whose provisioning fails says so in the interview and on the project page", async ({
  page,
}) => {
  const slug = await provisionedProject(page, "Locked");
  const folder = path.join(PROJECTS_DIR, slug);
  makeImmutable(folder, true);
  try {
    await changeCss(page, /^Bootstrap/);
    const failed = page.getByRole("dialog", { name: "The stack is saved, but provisioning failed" });
    await expect(failed).toContainText("Moving the files into the project folder");
    await expect(failed).toContainText("permission denied");
    await expect(failed).toContainText("chattr -R -i");
    await failed.getByRole("button", { name: "See the run on the project page" }).click();

    await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
    // The new stack, and the failure: never the old run's green status.
    await expect(page.getByRole("definition").filter({ hasText: "Bootstrap" })).toBeVisible();
    await expect(page.getByText("Provisioning failed", { exact: true })).toBeVisible();
    await expect(page.getByText("Provisioned", { exact: true })).toHaveCount(0);
    await expect(historyRows(page).first()).toContainText("#2");
    await expect(historyRows(page).first()).toContainText("failed");
    // The failure box: step, reason, what to do for the owner, and the run's output.
    await expect(page.getByRole("figure", { name: /Output of run #2/ })).toContainText(
      "Failed while moving the files into the project folder",
    );
    await expect(page.getByText("Then press Re-provision: your stack is saved.").first()).toBeVisible();
    // Run #2 failed while moving files: the page says the folder may mix its files with run #1's.
    await expect(
      page.getByText(
        /Run #2 stopped while it may have been moving files into this folder: .* run #1, the last that succeeded/,
      ),
    ).toBeVisible();

    await page.screenshot({ path: `${SCREENSHOTS_DIR}/run-failed-with-log-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENSHOTS_DIR}/run-failed-with-log-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });

    // Each history row opens its checks, scripts and output.
    await historyRows(page)
      .nth(1)
      .getByRole("button", { name: /Details/ })
      .click();
    await expect(page.getByText("setup.sh passes shellcheck").first()).toBeVisible();
    await expect(page.getByRole("figure", { name: /Output of run #1/ })).toContainText(
      "check-shell-script.sh",
    );
  } finally {
    makeImmutable(folder, false);
  }

  await page.getByRole("button", { name: "Re-provision" }).click();
  await expect(page.getByRole("dialog", { name: "Your project is ready" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByText("Provisioned", { exact: true })).toBeVisible();
  await expect(historyRows(page).first()).toContainText("#3");
});

test("a stack change that succeeds puts its run first in the history at once", async ({ page }) => {
  const slug = await provisionedProject(page, "Restyled");
  await changeCss(page, /^Tailwind CSS/);
  await expect(page.getByRole("dialog", { name: "Your project is ready" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
  await expect(page.getByRole("definition").filter({ hasText: "Tailwind CSS" })).toBeVisible();
  await expect(historyRows(page)).toHaveCount(2);
  await expect(historyRows(page).first()).toContainText("#2");
  await expect(historyRows(page).first()).toContainText("succeeded");
});

test("a failed first Save says so in the interview, and a viewer is not told to press a button it lacks", async ({
  page,
  browser,
}) => {
  const slug = await createProject(page, `Blocked first ${uniqueSuffix()}`, "Fails on its first save.");
  await writeFile(path.join(PROJECTS_DIR, slug), "a file where the project folder must go");
  await answerInterview(page, STACK);
  await page.getByRole("button", { name: "Save" }).click();
  const failed = page.getByRole("dialog", { name: "The stack is saved, but provisioning failed" });
  await expect(failed).toContainText(`A file named projects/${slug} is in the way`);
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}/interview\\?step=review$`));
  await page.keyboard.press("Escape");
  await expect(failed).toBeHidden();

  const viewer = await browser.newContext({ storageState: STORAGE_STATE.viewer });
  try {
    const viewerPage = await viewer.newPage();
    await viewerPage.goto(`/projects/${slug}`);
    await expect(viewerPage.getByText("Provisioning failed", { exact: true })).toBeVisible();
    await expect(viewerPage.getByText(`A file named projects/${slug} is in the way`).first()).toBeVisible();
    await expect(
      viewerPage.getByText("The project's owner or an admin can then re-provision it").first(),
    ).toBeVisible();
    await expect(viewerPage.getByRole("button", { name: "Re-provision" })).toHaveCount(0);
    await expect(viewerPage.getByText(/press Re-provision/i)).toHaveCount(0);
    await expect(
      viewerPage.getByText("The run's output is shown to the project's owner and admins."),
    ).toBeVisible();
  } finally {
    await viewer.close();
  }
});

test("another user's new run appears on an open project page within 5 s, without a reload", async ({
  page,
  browser,
}) => {
  const slug = await provisionedProject(page, "Watched");
  const admin = await browser.newContext({ storageState: STORAGE_STATE.admin });
  try {
    const watcher = await admin.newPage();
    await watcher.goto(`/projects/${slug}`);
    await expect(historyRows(watcher)).toHaveCount(1);

    await page.getByRole("button", { name: "Re-provision" }).click();
    await expect(historyRows(watcher).first()).toContainText("#2", { timeout: 5_000 });
    await expect(historyRows(watcher)).toHaveCount(2);
    await expect(watcher.getByText("Provisioned", { exact: true })).toBeVisible();
  } finally {
    await admin.close();
  }
});
