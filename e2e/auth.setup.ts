import { expect, test as setup } from "@playwright/test";
import { E2E_ADMIN, E2E_INVITED, STORAGE_STATE } from "./accounts";

/**
 * Signs in once per role, as people do: the admin on the sign-in page, the others through invite
 * links the admin makes on the accounts page. Each browser state is kept for the specs.
 */
setup("sign in as the admin and invite a member, another member and a viewer", async ({ page, browser }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  await page.context().storageState({ path: STORAGE_STATE.admin });

  for (const [key, account] of Object.entries(E2E_INVITED) as [
    keyof typeof E2E_INVITED,
    (typeof E2E_INVITED)[keyof typeof E2E_INVITED],
  ][]) {
    await page.goto("/admin/users");
    await page.getByRole("combobox", { name: "Role", exact: true }).selectOption(account.role);
    await page.getByRole("button", { name: "Create invite link" }).click();
    const link = (await page.getByLabel("Invite link", { exact: true }).textContent()) ?? "";
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);

    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const invitee = await context.newPage();
    // The link names LAUNCHPAD_URL's host; the suite talks to 127.0.0.1.
    await invitee.goto(new URL(link).pathname);
    await invitee.getByLabel("Your name").fill(account.name);
    await invitee.getByLabel("Email").fill(account.email);
    await invitee.getByLabel("Password").fill(account.password);
    await invitee.getByRole("button", { name: "Create my account" }).click();
    await expect(invitee.getByRole("banner")).toContainText(`${account.name} (${account.role})`);
    await context.storageState({ path: STORAGE_STATE[key] });
    await context.close();
  }
});
