import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "./accounts";
import { mainAlert, SCREENSHOTS_DIR, uniqueSuffix } from "./helpers";

/**
 * The admins' audit log (issue 13): a failed sign-in made here is found with the filters, and the
 * CSV export downloads the same selection. The journey of a reveal on the owner's project page is in
 * interview.spec.ts.
 */
test.use({ storageState: STORAGE_STATE.admin });

test("admins filter the audit log and export what they see as CSV", async ({ page, baseURL }) => {
  // A failed sign-in with an email nobody has: it is recorded with that email, never the password.
  const tried = `nobody-${uniqueSuffix()}@e2e.invalid`;
  const wrongPassword = `not-the-password-${uniqueSuffix()}`;
  const failed = await page.request.post("/api/auth/sign-in/email", {
    headers: { origin: baseURL! },
    data: { email: tried, password: wrongPassword },
    failOnStatusCode: false,
  });
  expect(failed.status()).toBe(401);

  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  // The suite's sign-ins are there already (e2e/auth.setup.ts).
  await expect(page.locator('tr[data-action="account.signed_in"]').first()).toBeVisible();

  await page.getByLabel("Action").selectOption({ label: "Failed sign-in" });
  await page.getByLabel("Email contains").fill(tried);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=account.sign_in_failed/);
  await expect(page.getByRole("status")).toHaveText("1 entry");
  const row = page.locator('tr[data-action="account.sign_in_failed"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(tried);
  await expect(row).toContainText("reason: wrong email or password");
  await expect(row).toContainText("127.0.0.1");
  await page.screenshot({ path: `${SCREENSHOTS_DIR}/admin-audit.png`, fullPage: true });

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = await readFile(await (await download).path(), "utf8");
  // A byte-order mark, so that spreadsheets read UTF-8.
  expect(csv.startsWith("\uFEFF")).toBe(true);
  const lines = csv.slice(1).trimEnd().split("\r\n");
  expect(lines[0]).toBe("at,action,description,actor,project,target,client_address,detail");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`account.sign_in_failed,Failed sign-in,${tried},`);
  expect(csv).not.toContain(wrongPassword);

  // A filter that is not a date says so, and nothing is listed.
  await page.goto("/admin/audit?from=last-week");
  await expect(mainAlert(page)).toHaveText("Enter a date as YYYY-MM-DD.");
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
});

test("members do not see the audit log page or its link", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE_STATE.member });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Audit" })).toHaveCount(0);
  await page.goto("/admin/audit");
  await expect(page).toHaveURL(/\/$/);
  const exported = await page.request.get("/admin/audit/export", { failOnStatusCode: false });
  expect(exported.status()).toBe(403);
  await context.close();
});
