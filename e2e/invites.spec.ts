import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "./accounts";
import { mainAlert, uniqueSuffix } from "./helpers";

test.use({ storageState: STORAGE_STATE.admin });

/**
 * Invites have a home (issue 19): an admin makes two links (the first stays on the page), sees both
 * among the open invites with role, bound email, maker and expiry, revokes one after a second
 * confirmation, and its link then says it cannot be used as it opens, with no form.
 */
test("open invites are listed, a new link does not hide the last one, and a revoked link says it cannot be used", async ({
  page,
  browser,
}) => {
  const bound = `bound-${uniqueSuffix()}@e2e.invalid`;
  await page.goto("/admin/users");
  await page.getByRole("combobox", { name: "Role", exact: true }).selectOption("viewer");
  await page.getByLabel("Only for this email (optional)").fill(bound);
  await page.getByRole("button", { name: "Create invite link" }).click();
  const first = (await page.getByLabel("Invite link", { exact: true }).textContent()) ?? "";
  await page.getByRole("button", { name: "Create invite link" }).click();
  await expect(page.getByLabel("Earlier invite link", { exact: true })).toHaveText(first);
  await expect(page.getByLabel("Invite link", { exact: true })).not.toHaveText(first);

  const invites = page.getByRole("table", { name: "Open invites" });
  const row = invites.getByRole("row").filter({ hasText: bound });
  await expect(row).toContainText("viewer");
  await expect(row).toContainText("admin@e2e.invalid");

  await row.getByRole("button", { name: /^Revoke/ }).click();
  await row.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(invites.getByRole("row").filter({ hasText: bound })).toHaveCount(0);

  const visitor = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const invitee = await visitor.newPage();
    await invitee.goto(new URL(first).pathname);
    await expect(mainAlert(invitee)).toHaveText("This link cannot be used. Ask an admin for a new one.");
    await expect(invitee.getByLabel("Password")).toHaveCount(0);
  } finally {
    await visitor.close();
  }
});
