import { expect, test, type Page } from "@playwright/test";
import { STORAGE_STATE } from "./accounts";
import { answerInterview, createProject, uniqueSuffix } from "./helpers";

/**
 * The project list at scale (issue 26): status, stack, owner and last change on each card; search,
 * filters and sort in the URL; pages on the server. Every project here carries this run's token in
 * its name, and the list is searched for it, so the other specs' projects do not count.
 */
const token = `Lst${uniqueSuffix()}`;

async function createByApi(page: Page, name: string) {
  const response = await page.request.post("/api/trpc/project.create", { data: { json: { name } } });
  expect(response.status()).toBe(200);
}

test("search, status filter, pages and Back; each card says where its project stands", async ({ page }) => {
  // One provisioned project through the wizard, then 21 that stop after their name.
  const slug = await createProject(page, `${token} provisioned`);
  await answerInterview(page, { backend: /^Express/, database: /^SQLite/, frontend: /^None/, css: /^None/ });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog", { name: "Your project is ready" })).toBeVisible();
  for (let index = 1; index <= 21; index++) await createByApi(page, `${token} draft ${index}`);

  await page.goto("/");
  const search = page.getByRole("searchbox", { name: "Name" });
  await search.fill(token.toLowerCase());
  await page.getByRole("button", { name: "Show projects" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${token.toLowerCase()}`));
  const pages = page.getByRole("navigation", { name: "Pages of projects (top)" });
  await expect(pages).toContainText("Projects 1-20 of 22 · page 1 of 2");
  const cards = page.getByRole("list", { name: "Projects" }).getByRole("listitem");
  await expect(cards).toHaveCount(20);

  // Newest change first: the last draft leads; a draft offers Continue to its owner.
  const newest = cards.first();
  await expect(newest.getByRole("heading")).toHaveText(`${token} draft 21`);
  await expect(newest).toContainText("Interview in progress");
  await expect(newest).toContainText("Owner: Mia Member");
  await expect(newest).toContainText("No stack yet");
  await expect(
    newest.getByRole("link", { name: `Continue the interview of ${token} draft 21` }),
  ).toBeVisible();

  await pages.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(pages).toContainText("Projects 21-22 of 22 · page 2 of 2");
  const provisioned = cards.filter({ hasText: `${token} provisioned` });
  await expect(provisioned).toContainText("Provisioned");
  await expect(provisioned).toContainText("Express · SQLite");
  await expect(provisioned.getByRole("link", { name: /^Continue/ })).toHaveCount(0);
  await page.goBack();
  await expect(pages).toContainText("page 1 of 2");
  await expect(search).toHaveValue(token.toLowerCase());

  // The status filter, kept with the search in a link that can be shared.
  await page.getByRole("combobox", { name: "Status" }).selectOption("provisioned");
  await page.getByRole("button", { name: "Show projects" }).click();
  await expect(page).toHaveURL(/[?&]status=provisioned/);
  await expect(cards).toHaveCount(1);
  const shared = page.url();
  const other = await page.context().browser()!.newContext({ storageState: STORAGE_STATE.viewer });
  const viewerPage = await other.newPage();
  await viewerPage.goto(shared);
  await expect(viewerPage.getByRole("list", { name: "Projects" }).getByRole("listitem")).toHaveCount(1);
  await expect(viewerPage.getByRole("combobox", { name: "Status" })).toHaveValue("provisioned");
  // A viewer cannot answer an interview: no Continue on drafts.
  await viewerPage.goto(`/?q=${token}&status=interview`);
  await expect(viewerPage.getByRole("list", { name: "Projects" }).getByRole("listitem")).toHaveCount(20);
  await expect(viewerPage.getByRole("link", { name: /^Continue/ })).toHaveCount(0);
  await other.close();

  // Sorted by name; a card's link opens its project.
  await page.goto(`/?q=${token}&sort=name`);
  await expect(cards.first().getByRole("heading")).toHaveText(`${token} draft 1`);
  await page.goto(`/?q=${token}&status=provisioned`);
  await cards
    .first()
    .getByRole("link", { name: `${token} provisioned` })
    .click();
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
});

test("a 10,000-character search and unknown filters are ignored with a note, never an error page", async ({
  page,
}) => {
  const response = await page.goto(
    `/?q=${"x".repeat(10_000)}&status=deleted&tech=cobol&owner=nobody&page=abc&sort=size`,
  );
  expect(response?.status()).toBe(200);
  const notes = page.getByRole("main").getByRole("status").first();
  await expect(notes).toContainText("The search was ignored: it is 10000 characters long");
  await expect(notes).toContainText('The status filter "deleted" was ignored');
  await expect(notes).toContainText('The technology filter "cobol" was ignored');
  await expect(notes).toContainText("The owner filter was ignored");
  await expect(notes).toContainText('The page number "abc" was ignored');
  await expect(notes).toContainText('The sort order "size" was ignored');
  await expect(page.getByRole("list", { name: "Projects" })).toBeVisible();
  // A page past the end shows the last page.
  const own = `Past ${uniqueSuffix()}`;
  await createByApi(page, own);
  await page.goto(`/?q=${encodeURIComponent(own)}&page=999`);
  await expect(page.getByRole("navigation", { name: "Pages of projects (top)" })).toContainText(
    "Projects 1-1 of 1 · page 1 of 1",
  );
  await expect(
    page.getByRole("list", { name: "Projects" }).getByRole("heading", { name: own }),
  ).toBeVisible();
});
