import { expect, test as setup } from "@playwright/test";
import { E2E_ADMIN, STORAGE_STATE } from "./accounts";

/** Signs in once through the sign-in page and keeps the browser state for the specs. */
setup("sign in as the admin", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
  await page.context().storageState({ path: STORAGE_STATE.admin });
});
