import { expect, test } from "@playwright/test";
import { STORAGE_STATE } from "./accounts";

/**
 * Forms pressed before the page's script has loaded (issue 26), seen with JavaScript off, which is
 * what a page is until it hydrates: a form whose submit needs the script keeps its button disabled
 * (pressed, it would reload the page and lose what was typed); the project list's filters are a
 * plain GET form and work without it.
 */
test.describe("signed out, without JavaScript", () => {
  test.use({ javaScriptEnabled: false, storageState: { cookies: [], origins: [] } });

  test("the sign-in button waits for the page's script", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeDisabled();
  });
});

test.describe("as a member, without JavaScript", () => {
  test.use({ javaScriptEnabled: false, storageState: STORAGE_STATE.member });

  test("Create project waits for the script; the list's search works without it", async ({ page }) => {
    await page.goto("/projects/new");
    await expect(page.getByRole("button", { name: "Create project" })).toBeDisabled();

    // The filters are shown once there is a project at all.
    const created = await page.request.post("/api/trpc/project.create", {
      data: { json: { name: `Scriptless ${Date.now()}` } },
    });
    expect(created.status()).toBe(200);
    await page.goto("/");
    await page.getByRole("searchbox", { name: "Name" }).fill("no project is called this");
    await page.getByRole("combobox", { name: "Status" }).selectOption("failed");
    await page.getByRole("button", { name: "Show projects" }).click();
    await expect(page).toHaveURL(/[?&]q=no\+project\+is\+called\+this/);
    await expect(page).toHaveURL(/[?&]status=failed/);
    await expect(page.getByRole("navigation", { name: "Pages of projects (top)" })).toContainText(
      "No projects match.",
    );
  });
});

test("with the script loaded, the same buttons work", async ({ page }) => {
  await page.goto("/projects/new");
  await expect(page.getByRole("button", { name: "Create project" })).toBeEnabled();
});
