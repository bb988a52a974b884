import { expect, test, type Page } from "@playwright/test";
import { STORAGE_STATE } from "./accounts";
import { answerInterview, uniqueSuffix } from "./helpers";

/**
 * Where focus goes (issue 26): after Create project, after the Save dialog closes, after a new
 * invite link and after the list's filters, focus is on something that says where the user is,
 * never dropped to <body>.
 */
const focusedElement = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return "body";
    return `${active.tagName.toLowerCase()}: ${(active.getAttribute("aria-label") ?? active.textContent ?? "").trim()}`;
  });

test("Create project, the Save dialog and the list's filters leave focus on the new page's heading", async ({
  page,
}) => {
  const name = `Focus ${uniqueSuffix()}`;
  await page.goto("/projects/new");
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).press("Enter");
  await expect(page.getByRole("heading", { name: "Which backend?" })).toBeFocused();

  await answerInterview(page, { backend: /^Express/, database: /^SQLite/, frontend: /^None/, css: /^None/ });
  await page.getByRole("button", { name: "Save" }).press("Enter");
  const dialog = page.getByRole("dialog", { name: "Your project is ready" });
  await expect(dialog).toBeVisible();
  expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/projects\/focus-[0-9a-f]+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeFocused();

  await page.goto("/");
  await page.getByRole("searchbox", { name: "Name" }).fill(name);
  await page.getByRole("button", { name: "Show projects" }).press("Enter");
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeFocused();
  expect(await focusedElement(page)).not.toBe("body");
});

test.describe("as an admin", () => {
  test.use({ storageState: STORAGE_STATE.admin });

  test("a new invite link takes focus on its Copy button", async ({ page }) => {
    await page.goto("/admin/users");
    // press() does not wait for a button to be enabled; this one is until the page's script runs.
    await expect(page.getByRole("button", { name: "Create invite link" })).toBeEnabled();
    await page.getByRole("button", { name: "Create invite link" }).press("Enter");
    await expect(page.getByRole("button", { name: "Copy the invite link" })).toBeFocused();
    await page.getByRole("button", { name: "Create invite link" }).press("Enter");
    await expect(page.getByRole("button", { name: "Copy the invite link" })).toBeFocused();
  });
});

test("the wizard's project step refuses a bad name with the server's sentence and stays on the step", async ({
  page,
}) => {
  await page.goto("/projects/new");
  await page.getByLabel("Project name").fill(`Renamed ${uniqueSuffix()}`);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText("Step 2 of 6")).toBeVisible();
  await page.goto(`${page.url().split("?")[0]}?step=project`);
  await expect(page.getByText("Step 1 of 6")).toBeVisible();
  for (const [name, message] of [
    ["   ", "Enter a project name."],
    ["../etc", "cannot contain / or \\"],
  ] as const) {
    await page.getByLabel("Project name").fill(name);
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText(message);
    await expect(page.getByText("Step 1 of 6")).toBeVisible();
  }
});
