import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { answerInterview, createProject, PROJECTS_DIR, REVIEW_HEADING, uniqueSuffix } from "./helpers";

/**
 * The interview as people use it (issue 22): the core journey's clicks, the same journey by keyboard
 * alone, the review step, answers that survive Back, Forward and reload, and the files a re-provision
 * kept.
 */

const MAX_CLICKS = 9;
const progress = (page: Page) => page.getByRole("navigation", { name: "Interview progress" });
const review = (page: Page) => page.getByRole("heading", { name: REVIEW_HEADING });

/** Presses Tab until `target` has the focus (at most `max` times): the way a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, max = 40) {
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** In the focused radio group, presses ArrowDown until `target` is the chosen option. */
async function arrowTo(page: Page, target: Locator, max = 12) {
  for (let presses = 0; presses < max && !(await target.isChecked()); presses++) {
    await page.keyboard.press("ArrowDown");
  }
  await expect(target).toBeChecked();
}

test("the core journey takes at most 9 clicks, from New project to the credentials", async ({ page }) => {
  let clicks = 0;
  const click = async (target: Locator) => {
    clicks++;
    await target.click();
  };

  await page.goto("/");
  await click(page.getByRole("link", { name: "New project" }).first());
  await page.getByLabel("Project name").fill(`Counted ${uniqueSuffix()}`);
  await page.getByLabel(/Description/).fill("Asked once, on this form.");
  await click(page.getByRole("button", { name: "Create project" }));
  // The name and description were given: the interview opens at the first stack question.
  await expect(page.getByRole("heading", { name: "Which backend?" })).toBeVisible();
  await answerInterview(
    page,
    { backend: /^Express/, database: /^SQLite/, frontend: /^React/, css: /^Tailwind CSS/ },
    click,
  );
  await click(page.getByRole("button", { name: "Save" }));
  await expect(page.getByRole("dialog", { name: "Your project is ready" })).toBeVisible();

  console.log(`Core journey: ${clicks} clicks (at most ${MAX_CLICKS})`);
  test.info().annotations.push({ type: "clicks", description: String(clicks) });
  expect(clicks).toBeLessThanOrEqual(MAX_CLICKS);
});

test("the journey by keyboard alone: arrows choose, Enter goes on, focus follows each step", async ({
  page,
}) => {
  const name = `Keyed ${uniqueSuffix()}`;
  await page.goto("/");
  await tabTo(page, page.getByRole("link", { name: "New project" }).first());
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Project name")).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press("Tab");
  await page.keyboard.type("Typed, never clicked.");
  await tabTo(page, page.getByRole("button", { name: "Create project" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("Step 2 of 6")).toBeVisible();

  for (const [heading, choice] of [
    ["Which backend?", /^FastAPI/],
    ["Which database?", /^PostgreSQL/],
    ["Which frontend?", /^Vue/],
    ["Which CSS framework?", /^Bootstrap/],
  ] as const) {
    await expect(page.getByRole("heading", { name: heading })).toBeVisible();
    // Into the radio group, then down to the choice: arrows select without moving on.
    await tabTo(page, page.getByRole("radio").and(page.locator(":enabled")).first());
    await page.keyboard.press("Space");
    await arrowTo(page, page.getByRole("radio", { name: choice }));
    await expect(page.getByRole("heading", { name: heading })).toBeVisible();
    await page.keyboard.press("Enter");
    // The next step's heading has the focus, so a screen reader says where the user now is.
    await expect(page.getByRole("heading", { name: heading })).toBeHidden();
    await expect(page.getByRole("heading", { level: 2 })).toBeFocused();
  }

  await expect(review(page)).toBeFocused();
  await expect(page.getByRole("main")).toContainText("FastAPI");
  await tabTo(page, page.getByRole("button", { name: "Save" }));
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Your project is ready" });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/projects\/keyed-[0-9a-f]{6}$/);

  // "Change the stack" opens at the backend, with the saved answer chosen.
  await tabTo(page, page.getByRole("link", { name: "Change the stack" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Which backend?" })).toBeVisible();
  await expect(page.getByText("Step 2 of 6")).toBeVisible();
  await expect(page.getByRole("radio", { name: /^FastAPI/ })).toBeChecked();
});

test("the review lists every answer with a link back; the progress list opens answered steps", async ({
  page,
}) => {
  const name = `Reviewed ${uniqueSuffix()}`;
  await createProject(page, name, "Shown in the progress list and the review.");
  // The description is asked once (on the new-project form), yet shows with the project's answers.
  await expect(progress(page)).toContainText("Shown in the progress list and the review.");
  await expect(page.getByLabel(/Description/)).toHaveCount(0);
  // Steps not answered yet are not links.
  await expect(progress(page).getByRole("link", { name: "Review", exact: true })).toHaveCount(0);

  await answerInterview(page, { backend: /^Django/, database: /^MySQL/, frontend: /^None/, css: /^None/ });
  const main = page.getByRole("main");
  for (const text of [name, "Shown in the progress list and the review.", "Django", "MySQL"]) {
    await expect(main.getByRole("definition").filter({ hasText: text }).first()).toBeVisible();
  }
  for (const what of [
    "the name",
    "the description",
    "the backend",
    "the database",
    "the frontend",
    "the CSS",
  ]) {
    await expect(page.getByRole("link", { name: `Change ${what}` })).toBeVisible();
  }

  // A link back to a step, and the progress list back to the review: no step walked in between.
  await page.getByRole("link", { name: "Change the database" }).click();
  await expect(page.getByRole("heading", { name: "Which database?" })).toBeFocused();
  await expect(page.getByRole("radio", { name: /^MySQL/ })).toBeChecked();
  await progress(page).getByRole("link", { name: "Review", exact: true }).click();
  await expect(review(page)).toBeFocused();

  // The project's own step holds the name and the description, to change them later.
  await page.getByRole("link", { name: "Change the description" }).click();
  await expect(page.getByText("Step 1 of 6")).toBeVisible();
  await page.getByLabel(/Description/).fill("Changed on the project step.");
  await progress(page).getByRole("link", { name: "Review", exact: true }).click();
  await expect(
    main.getByRole("definition").filter({ hasText: "Changed on the project step." }),
  ).toBeVisible();
  await page.reload();
  await expect(
    main.getByRole("definition").filter({ hasText: "Changed on the project step." }),
  ).toBeVisible();
});

test("answers survive Back, browser Back and Forward, a reload, and a save", async ({ page }) => {
  const slug = await createProject(page, `Kept ${uniqueSuffix()}`, "Keeps its answers.");
  await page.getByRole("radio", { name: /^Express/ }).click();
  await page.getByRole("radio", { name: /^PostgreSQL/ }).click();
  await expect(page.getByText("Step 4 of 6")).toBeVisible();

  // Browser Back and Forward move between steps and show what was saved.
  await page.goBack();
  await expect(page.getByText("Step 3 of 6")).toBeVisible();
  await expect(page.getByRole("radio", { name: /^PostgreSQL/ })).toBeChecked();
  await page.goBack();
  await expect(page.getByText("Step 2 of 6")).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Express/ })).toBeChecked();
  await page.goForward();
  await expect(page.getByText("Step 3 of 6")).toBeVisible();
  await expect(page.getByRole("radio", { name: /^PostgreSQL/ })).toBeChecked();

  // A change made with the keyboard (which does not move on) and left with Back is kept, even after a reload.
  await page.getByRole("radio", { name: /^PostgreSQL/ }).focus();
  await arrowTo(page, page.getByRole("radio", { name: /^MySQL/ }));
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByText("Step 2 of 6")).toBeVisible();
  await page.reload();
  await expect(page.getByText("Step 2 of 6")).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Express/ })).toBeChecked();
  await progress(page)
    .getByRole("link", { name: /^Q\d Database\b/ })
    .click();
  await expect(page.getByRole("radio", { name: /^MySQL/ })).toBeChecked();
  await expect(progress(page)).toContainText("MySQL");

  await page.getByRole("radio", { name: /^MySQL/ }).click();
  await page.getByRole("radio", { name: /^React/ }).click();
  await page.getByRole("radio", { name: /^Bootstrap/ }).click();
  await expect(review(page)).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog", { name: "Your project is ready" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));

  // Browser Back after Save shows the saved answers, and so does a reload.
  await page.goBack();
  await expect(review(page)).toBeVisible();
  const main = page.getByRole("main");
  for (const text of ["Express", "MySQL", "React", "Bootstrap"]) {
    await expect(main.getByRole("definition").filter({ hasText: text }).first()).toBeVisible();
  }
  await page.getByRole("link", { name: "Change the backend" }).click();
  await expect(page.getByRole("radio", { name: /^Express/ })).toBeChecked();
  await page.reload();
  await expect(page.getByRole("radio", { name: /^Express/ })).toBeChecked();
});

test("a re-provision that kept an edited file says which, and where the new version is", async ({ page }) => {
  const slug = await createProject(page, `Edited ${uniqueSuffix()}`);
  await answerInterview(page, { backend: /^Express/, database: /^SQLite/, frontend: /^None/, css: /^None/ });
  await page.getByRole("button", { name: "Save" }).click();
  const dialog = page.getByRole("dialog", { name: "Your project is ready" });
  await expect(dialog).toBeVisible();
  // A first provisioning keeps nothing, and says nothing about it.
  await expect(dialog.getByText(/you changed (was|were) kept/)).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));

  const readme = path.join(PROJECTS_DIR, slug, "README.md");
  await writeFile(readme, "# My own notes\n");
  await page.getByRole("button", { name: "Re-provision" }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText("1 file you changed was kept")).toBeVisible();
  await expect(dialog.getByRole("list", { name: "Files kept, with their new versions" })).toHaveText(
    "README.md → new version: README.md.launchpad-new",
  );
  expect(await readFile(readme, "utf8")).toBe("# My own notes\n");
  expect(await readFile(`${readme}.launchpad-new`, "utf8")).toMatch(/^# /);
});
