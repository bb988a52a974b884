import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "./accounts";
import { createProject, uniqueSuffix } from "./helpers";

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

test.describe("as the owner", () => {
  test.use({ storageState: STORAGE_STATE.member });

  test("the owner hands a project to another member: chosen, confirmed, audited, and their rights go with it", async ({
    page,
  }) => {
    const name = `Handed ${uniqueSuffix()}`;
    await createProject(page, name);
    const slug = new URL(page.url()).pathname.split("/")[2]!;
    await page.goto(`/projects/${slug}`);
    await expect(page.getByText("Owner: Mia Member")).toBeVisible();

    await page.getByRole("button", { name: "Hand over to someone else" }).click();
    const newOwner = page.getByRole("combobox", { name: "New owner" });
    await expect(newOwner).toBeFocused();
    // Viewers cannot own projects and the owner is not offered to themself.
    await expect(newOwner.getByRole("option", { name: /Vic Viewer/ })).toHaveCount(0);
    await expect(newOwner.getByRole("option", { name: /Mia Member/ })).toHaveCount(0);
    // A member is shown names, not the team's email addresses.
    await expect(newOwner).not.toContainText("@");
    await newOwner.selectOption({ label: "Oto Other" });
    await page.getByRole("button", { name: "Hand over", exact: true }).click();
    const confirm = page.getByRole("group", { name: "Confirm the hand-over" });
    await expect(confirm).toContainText(
      "Hand this project to Oto Other? You will no longer be able to change it",
    );
    await confirm.getByRole("button", { name: "Keep it" }).click();
    await expect(page.getByRole("button", { name: "Hand over to someone else" })).toBeFocused();
    await expect(page.getByText("Owner: Mia Member")).toBeVisible();

    await page.getByRole("button", { name: "Hand over to someone else" }).click();
    await newOwner.selectOption({ label: "Oto Other" });
    await page.getByRole("button", { name: "Hand over", exact: true }).click();
    await page.getByRole("button", { name: "Yes, hand it over" }).click();
    await expect(page.getByRole("main").getByRole("status").first()).toContainText(
      "Oto Other now owns this project.",
    );
    await expect(page.getByText("Owner: Oto Other")).toBeVisible();
    // The former owner is now a member like any other on this project.
    await expect(page.getByRole("link", { name: "Continue the interview" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Hand over to someone else" })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Audit log" })).toHaveCount(0);

    const admin = await page.context().browser()!.newContext({ storageState: STORAGE_STATE.admin });
    const adminPage = await admin.newPage();
    await adminPage.goto(`/projects/${slug}`);
    await expect(adminPage.getByRole("table", { name: "The project's audit entries" })).toContainText(
      "other@e2e.invalid",
    );
    await admin.close();
  });
});
