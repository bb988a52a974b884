import { existsSync } from "node:fs";
import { readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import {
  answerInterview,
  createProject,
  PROJECTS_DIR,
  readProjectEnv,
  SCREENSHOTS_DIR,
  uniqueSuffix,
} from "./helpers";

const GENERATED_FILES = [
  ".env",
  ".gitignore",
  "README.md",
  "docker-compose.yml",
  "launchpad.json",
  "setup.sh",
];

test("reference stack 1: Laravel + PostgreSQL + Tailwind, credentials modal and copied password", async ({
  page,
}) => {
  const slug = await createProject(page, `Ledger ${uniqueSuffix()}`, "Bookkeeping for small shops.");
  await answerInterview(page, {
    backend: /^Laravel/,
    database: /^PostgreSQL/,
    frontend: /^None/,
    css: /^Tailwind CSS/,
  });
  // Before Save, on the review: what Launchpad knows of this stack (Laravel cannot be created on CI's machines).
  await expect(page.getByTestId("stack-verification")).toContainText(
    /Checked without running: Composer's package repository cannot be reached/,
  );
  await page.screenshot({ path: `${SCREENSHOTS_DIR}/wizard-review-step.png`, fullPage: true });
  const saveResponse = page.waitForResponse((response) => response.url().includes("interview.saveStack"));
  await page.getByRole("button", { name: "Save" }).click();
  const saveBody = await (await saveResponse).text();

  const dialog = page.getByRole("dialog", { name: "Your project is ready" });
  await expect(dialog).toBeVisible();
  // Focus moved into the dialog.
  await expect(dialog.locator(":focus")).toHaveCount(1);
  await page.screenshot({ path: `${SCREENSHOTS_DIR}/credentials-modal.png`, fullPage: true });

  const env = await readProjectEnv(slug);
  // The save's response carries no password, and the page holds none until the user asks for it.
  expect(saveBody).toContain(env.DB_USERNAME ?? "-");
  expect(saveBody).not.toContain(env.DB_PASSWORD ?? "-");
  expect(await page.content()).not.toContain(env.DB_PASSWORD ?? "-");
  await expect(dialog.getByTestId("credential-Password")).toHaveText("••••••••••••");
  const revealResponse = page.waitForResponse((response) => response.url().includes("provisioning.reveal"));
  await dialog.getByRole("button", { name: "Copy password" }).click();
  expect((await revealResponse).request().method()).toBe("POST");
  await expect(
    dialog.getByRole("button", { name: "Copy password" }).locator("xpath=following-sibling::*[1]"),
  ).toHaveText("Copied ✓");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(env.DB_PASSWORD);
  await dialog.getByRole("button", { name: "Reveal password" }).click();
  await expect(dialog.getByTestId("credential-Password")).toHaveText(env.DB_PASSWORD ?? "");
  await expect(dialog.getByTestId("credential-Database name")).toHaveText(env.DB_DATABASE ?? "");
  await expect(
    dialog.getByText(`cd ${path.relative(process.cwd(), path.join(PROJECTS_DIR, slug))}`),
  ).toBeVisible();

  await dialog.getByRole("button", { name: "Copy as .env" }).click();
  await expect(
    dialog.getByRole("button", { name: "Copy as .env" }).locator("xpath=following-sibling::*[1]"),
  ).toHaveText("Copied ✓");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(
    `DB_PASSWORD=${env.DB_PASSWORD}`,
  );

  const files = await readdir(path.join(PROJECTS_DIR, slug));
  expect(files).toEqual(expect.arrayContaining([...GENERATED_FILES, "backend"]));

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
  await expect(page.getByText("Provisioned", { exact: true })).toBeVisible();
  // One reveal per opening of the dialog (copy, reveal and copy-as-.env shared it), on the owner's audit.
  const audit = page.getByRole("table", { name: "The project's audit entries" });
  await expect(audit.locator('tr[data-action="credentials.revealed"]')).toHaveCount(1);
  await expect(audit.locator('tr[data-action="stack.saved"]')).toContainText("laravel");
  await page.getByRole("button", { name: "Show credentials" }).click();
  await expect(page.getByRole("dialog", { name: "Your project is ready" })).toBeVisible();
  await expect(page.getByTestId("credential-Password")).toHaveText("••••••••••••");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Show credentials" })).toBeFocused();
  // Reopening without revealing records nothing.
  await expect(audit.locator('tr[data-action="credentials.revealed"]')).toHaveCount(1);
});

test("reference stack 2: Next.js + PostgreSQL + Tailwind without a backend", async ({ page }) => {
  const slug = await createProject(page, `Storefront ${uniqueSuffix()}`, "A web shop.");
  await answerInterview(page, {
    backend: /^None/,
    database: /^PostgreSQL/,
    frontend: /^Next\.js/,
    css: /^Tailwind CSS/,
  });
  await page.getByRole("button", { name: "Save" }).click();
  const dialog = page.getByRole("dialog", { name: "Your project is ready" });
  await expect(dialog).toBeVisible();
  const env = await readProjectEnv(slug);
  await expect(dialog.getByTestId("credential-Connection URL")).not.toContainText(env.DB_PASSWORD ?? "-");
  await dialog.getByRole("button", { name: "Copy connection url" }).click();
  // The copy waits for the audited reveal call.
  await expect(
    dialog.getByRole("button", { name: "Copy connection url" }).locator("xpath=following-sibling::*[1]"),
  ).toHaveText("Copied ✓");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(env.DATABASE_URL);
  await expect(dialog.getByTestId("credential-Frontend port")).toHaveText(env.FRONTEND_PORT ?? "");
  const files = await readdir(path.join(PROJECTS_DIR, slug));
  expect(files).toEqual(expect.arrayContaining([...GENERATED_FILES, "frontend"]));
  expect(files).not.toContain("backend");
});

test("incompatible choices are disabled with their reason, and a reload resumes the interview", async ({
  page,
}) => {
  await createProject(page, `Rules ${uniqueSuffix()}`, "Checks the rules.");
  await expect(page.getByText("Step 2 of 6")).toBeVisible();
  await page.getByRole("radio", { name: /^Django/ }).click();

  await expect(page.getByText("Step 3 of 6")).toBeVisible();
  const mongo = page.getByRole("radio", { name: /^MongoDB/ });
  await expect(mongo).toBeDisabled();
  await expect(page.getByText(/Not available: Django's ORM does not support MongoDB/)).toBeVisible();
  await page.getByRole("radio", { name: /^PostgreSQL/ }).click();
  await expect(page.getByText("Step 4 of 6")).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS_DIR}/wizard-frontend-step.png`, fullPage: true });

  await page.reload();
  await expect(page.getByText("Step 4 of 6")).toBeVisible();
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByRole("radio", { name: /^PostgreSQL/ })).toBeChecked();
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByRole("radio", { name: /^Django/ })).toBeChecked();

  // Changing an earlier answer flags a later one that no longer fits.
  await page.getByRole("radio", { name: /^None/ }).click();
  await expect(page.getByText("Step 3 of 6")).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Step 4 of 6")).toBeVisible();
  await expect(page.getByRole("radio", { name: /^None/ })).toBeDisabled();
  await expect(page.getByRole("radio", { name: /^React/ })).toBeDisabled();
  await expect(page.getByText(/Not available: A database needs a backend/).first()).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Next\.js/ })).toBeEnabled();
});

test("a failed provisioning keeps the stack, shows the reason, and Re-provision succeeds", async ({
  page,
}) => {
  const slug = await createProject(page, `Blocked ${uniqueSuffix()}`, "Will fail once.");
  // A real cause: a plain file sits where the project folder must go.
  const inTheWay = path.join(PROJECTS_DIR, slug);
  await writeFile(inTheWay, "not a folder");
  await answerInterview(page, {
    backend: /^Express/,
    database: /^SQLite/,
    frontend: /^React/,
    css: /^Bootstrap/,
  });
  await page.getByRole("button", { name: "Save" }).click();

  // The interview says so where the user is: no silent navigation.
  const failed = page.getByRole("dialog", { name: "The stack is saved, but provisioning failed" });
  await expect(failed).toContainText(`A file named projects/${slug} is in the way`);
  await expect(failed).toContainText("Finding the project folder");
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}/interview\\?step=review$`));
  await failed.getByRole("button", { name: "See the run on the project page" }).click();

  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
  await expect(page.getByText("Provisioning failed", { exact: true })).toBeVisible();
  await expect(page.getByText(`A file named projects/${slug} is in the way`).first()).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "Express" })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS_DIR}/provisioning-failed.png`, fullPage: true });

  await rm(inTheWay);
  await page.getByRole("button", { name: "Re-provision" }).click();
  const dialog = page.getByRole("dialog", { name: "Your project is ready" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(/The database is a file in the project/)).toBeVisible();
  expect(existsSync(path.join(PROJECTS_DIR, slug, "docker-compose.yml"))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(page.getByText("Provisioned", { exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: "#2", exact: true })).toBeVisible();
});
