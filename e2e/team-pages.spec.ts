import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "./accounts";
import { uniqueSuffix } from "./helpers";

test.use({ storageState: STORAGE_STATE.admin });

/**
 * Team pages (issue 26): the Accounts table says each account's status in words, and deactivating
 * someone asks first; "Keep active" changes nothing.
 */
test("the status column says the status, and Deactivate asks before it signs someone out", async ({
  page,
  browser,
}) => {
  const email = `team-${uniqueSuffix()}@e2e.invalid`;
  await page.goto("/admin/users");
  await page.getByRole("combobox", { name: "Role", exact: true }).selectOption("viewer");
  const create = page.getByRole("button", { name: "Create invite link" });
  await create.click();
  const link = (await page.getByLabel("Invite link", { exact: true }).textContent()) ?? "";
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const invitee = await context.newPage();
  await invitee.goto(new URL(link).pathname);
  await invitee.getByLabel("Your name").fill("Team Viewer");
  await invitee.getByLabel("Email").fill(email);
  await invitee.getByLabel("Password").fill("team-viewer-password-1");
  await invitee.getByRole("button", { name: "Create my account" }).click();
  await expect(invitee.getByRole("banner")).toContainText("Team Viewer (viewer)");

  await page.reload();
  const row = page.getByRole("table", { name: "Accounts" }).getByRole("row").filter({ hasText: email });
  await expect(row.getByRole("cell").nth(3)).toHaveText("Active");

  await row.getByRole("button", { name: `Deactivate ${email}` }).click();
  await expect(row.getByRole("group", { name: `Deactivate ${email}?` })).toContainText("signed out at once");
  await row.getByRole("button", { name: "Keep active" }).click();
  await expect(row.getByRole("cell").nth(3)).toHaveText("Active");
  await invitee.reload();
  await expect(invitee.getByRole("banner")).toContainText("Team Viewer (viewer)");

  await row.getByRole("button", { name: `Deactivate ${email}` }).click();
  await row.getByRole("button", { name: "Yes, deactivate" }).click();
  await expect(row.getByRole("cell").nth(3)).toHaveText("Deactivated");
  await expect(row.getByRole("button", { name: `Reactivate ${email}` })).toBeVisible();
  await invitee.reload();
  await expect(invitee).toHaveURL(/\/sign-in/);
  await context.close();
});
