import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "./accounts";
import { answerInterview, createProject, SCREENSHOTS_DIR, uniqueSuffix } from "./helpers";

/**
 * Screenshots of the project list, the team pages and a project page, desktop and phone, written by
 * every e2e run into test-results/screenshots (issue 26). Each page is checked for its heading
 * first, so a screenshot of an error page fails the run instead of being kept.
 */
test.use({ storageState: STORAGE_STATE.admin });

let slug = "";

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE_STATE.member });
  const page = await context.newPage();
  slug = await createProject(
    page,
    `Screenshot ${uniqueSuffix()}`,
    "A project to show the project page with.",
  );
  await answerInterview(page, {
    backend: /^Express/,
    database: /^PostgreSQL/,
    frontend: /^React/,
    css: /^Tailwind/,
  });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog", { name: "Your project is ready" })).toBeVisible();
  await context.close();
});

for (const [device, viewport] of [
  ["desktop", { width: 1280, height: 900 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test(`the list, the team pages and a project page, ${device}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    for (const [file, route, heading] of [
      ["project-list", "/", "Projects"],
      ["team-accounts", "/admin/users", "Accounts"],
      ["team-sessions", "/account", "Your account"],
      ["project-page", `/projects/${slug}`, /^Screenshot /],
    ] as const) {
      await page.goto(route);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: `${SCREENSHOTS_DIR}/${file}-${device}.png`, fullPage: true });
    }
  });
}
