import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { mainAlert } from "./helpers";

const unique = () => randomBytes(3).toString("hex");

test("a new project is created and listed", async ({ page }) => {
  const name = `Orbit ${unique()}`;
  await page.goto("/");
  await page.getByRole("link", { name: "New project" }).first().click();
  await page.getByLabel("Project name").fill(name);
  await expect(page.getByText(`projects/${name.toLowerCase().replace(" ", "-")}`)).toBeVisible();
  await page.getByLabel(/Description/).fill("Created by the end-to-end suite.");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/orbit-[0-9a-f]{6}\/interview(\?step=\w+)?$/);

  await page.goto("/");
  await expect(page.getByRole("list", { name: "Projects" }).getByRole("heading", { name })).toBeVisible();
});

test("a name that looks like an existing project's is warned about, and can still be created", async ({
  page,
}) => {
  const name = `Orbit ${unique()}`;
  await page.goto("/projects/new");
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/interview(\?step=\w+)?$/);

  await page.goto("/projects/new");
  // A Cyrillic "О": another folder name, but the same name to the eye.
  const lookalike = name.replace("O", "\u041E");
  await page.getByLabel("Project name").fill(lookalike);
  const warning = page.getByRole("status").filter({ hasText: "looks like another project" });
  await expect(warning).toContainText(name);
  await expect(warning).toContainText(`projects/${name.toLowerCase().replace(" ", "-")}`);
  await page.getByLabel("Project name").fill(`${name} two`);
  await expect(warning).toBeHidden();
  await page.getByLabel("Project name").fill(lookalike);
  await expect(warning).toBeVisible();
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/interview(\?step=\w+)?$/);
});

test.describe("bad names get a clear message and create nothing", () => {
  const cases: [string, RegExp][] = [
    ["", /Enter a project name/],
    ["x".repeat(81), /at most 80 characters/],
    ["../x", /cannot contain \/ or \\/],
    ["%%%", /at least one letter or digit/],
  ];
  for (const [name, message] of cases) {
    test(`name ${JSON.stringify(name.slice(0, 12))}`, async ({ page }) => {
      await page.goto("/projects/new");
      await page.getByLabel("Project name").fill(name);
      await page.getByRole("button", { name: "Create project" }).click();
      await expect(mainAlert(page)).toHaveText(message);
      await expect(page).toHaveURL(/\/projects\/new$/);
    });
  }

  test("a duplicate is refused by the server", async ({ page }) => {
    const name = `Twin ${unique()}`;
    await page.goto("/projects/new");
    await page.getByLabel("Project name").fill(name);
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page).toHaveURL(/interview(\?step=\w+)?$/);
    await page.goto("/projects/new");
    await page.getByLabel("Project name").fill(name.toUpperCase());
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(mainAlert(page)).toHaveText(/already exists/);
  });
});
