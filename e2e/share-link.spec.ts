import { expect, test, type Page } from "@playwright/test";
import { REVIEW_HEADING, uniqueSuffix } from "./helpers";

/**
 * A stack in a link (issue 27): /projects/new?backend=...&... fills the new-project form, opening it
 * creates nothing, and after Create the interview opens at the review with the answers chosen but
 * not saved. What the link names that cannot be chosen is shown with its reason.
 */
async function projectCount(page: Page): Promise<number> {
  const response = await page.request.get(
    `/api/trpc/project.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`,
  );
  return ((await response.json()) as { result: { data: { json: { total: number } } } }).result.data.json
    .total;
}

test("a full link: shown, creates nothing until Create, then the review with the answers chosen; Copy link gives it back", async ({
  page,
}) => {
  const link = "/projects/new?backend=express&database=postgresql&frontend=react&css=tailwind";
  const before = await projectCount(page);
  await page.goto(`${link}&utm_source=mail`);
  const panel = page.getByRole("region", { name: "From a shared link" });
  await expect(panel.getByRole("list", { name: "Proposed answers" })).toHaveText(
    /Backend: Express\s*Database: PostgreSQL\s*Frontend: React\s*CSS: Tailwind CSS/,
  );
  await expect(panel).toContainText("Ignored, not part of a stack: utm_source.");
  expect(await projectCount(page)).toBe(before);

  await page.getByLabel("Project name").fill(`Shared ${uniqueSuffix()}`);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { name: REVIEW_HEADING })).toBeVisible();
  await expect(page.getByText("Step 6 of 6")).toBeVisible();
  await expect(page.getByRole("main")).toContainText("PostgreSQL");

  await page.getByRole("button", { name: "Copy link to this stack" }).click();
  await expect(page.getByText("Copied ✓")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(copied).pathname + new URL(copied).search).toBe(link);

  // Chosen, not saved: the project page has no stack yet.
  const slug = new URL(page.url()).pathname.split("/")[2]!;
  await page.goto(`/projects/${slug}`);
  await expect(page.getByText("No stack chosen yet.")).toBeVisible();
});

test("a value that cannot be chosen is shown as not available, and its question stays open", async ({
  page,
}) => {
  await page.goto("/projects/new?backend=cobol&database=postgresql");
  const panel = page.getByRole("region", { name: "From a shared link" });
  await expect(panel.getByRole("list", { name: "Answers that cannot be chosen" })).toContainText(
    "Backend “cobol”: It is not in the backend catalogue (any more).",
  );
  await expect(panel.getByRole("list", { name: "Proposed answers" })).toHaveText("Database: PostgreSQL");
  await page.getByLabel("Project name").fill(`Half ${uniqueSuffix()}`);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { name: "Which backend?" })).toBeVisible();
  await page.getByRole("radio", { name: /^Express/ }).click();
  await expect(page.getByRole("heading", { name: "Which database?" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /^PostgreSQL/ })).toBeChecked();
});
