import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import { parse as parseDotenv } from "dotenv";

/** The projects folder of the server under test (see playwright.config.ts). */
export const PROJECTS_DIR = path.resolve("test-results/e2e-projects");
export const SCREENSHOTS_DIR = "test-results/screenshots";

export const uniqueSuffix = () => randomBytes(3).toString("hex");

/**
 * Creates a project through the UI and returns its slug; the browser is then on the interview, at
 * its first stack question (the name and description are asked here, once).
 */
export async function createProject(page: Page, name: string, description = ""): Promise<string> {
  await page.goto("/projects/new");
  await page.getByLabel("Project name").fill(name);
  if (description) await page.getByLabel(/Description/).fill(description);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/[a-z0-9-]+\/interview(\?step=\w+)?$/);
  return new URL(page.url()).pathname.split("/")[2] ?? "";
}

export type StackLabels = { backend: RegExp; database: RegExp; frontend: RegExp; css: RegExp };

export const REVIEW_HEADING = "Check your answers, then save";

/**
 * Answers the four stack questions of a new project's interview, one click each (a click on a choice
 * moves on), and waits for the review step, without pressing Save. `click` may count the clicks.
 */
export async function answerInterview(
  page: Page,
  stack: StackLabels,
  click: (target: Locator) => Promise<void> = (target) => target.click(),
) {
  for (const [step, label] of [
    [2, stack.backend],
    [3, stack.database],
    [4, stack.frontend],
    [5, stack.css],
  ] as const) {
    // Each step is awaited: "None" is a choice of several steps, and a quick click could land on the previous one.
    await expect(page.getByText(`Step ${step} of 6`)).toBeVisible();
    await click(page.getByRole("radio", { name: label }));
  }
  await expect(page.getByText("Step 6 of 6")).toBeVisible();
  await expect(page.getByRole("heading", { name: REVIEW_HEADING })).toBeVisible();
}

/**
 * Creates a project with the Express + PostgreSQL stack (no frontend, no CSS), saves it, closes the
 * credentials dialog and returns its slug, with the browser on its page.
 */
export async function createSavedProject(page: Page, name: string): Promise<string> {
  const slug = await createProject(page, name);
  await answerInterview(page, {
    backend: /^Express/,
    database: /^PostgreSQL/,
    frontend: /^None/,
    css: /^None/,
  });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog", { name: "Your project is ready" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
  return slug;
}

export async function readProjectEnv(slug: string): Promise<Record<string, string>> {
  return parseDotenv(await readFile(path.join(PROJECTS_DIR, slug, ".env"), "utf8"));
}

/** The main content's alerts (Next.js adds a route announcer with role="alert" outside <main>). */
export const mainAlert = (page: Page) => page.getByRole("main").getByRole("alert");

/** The Cookie header of a stored browser state (e2e/auth.setup.ts), for requests made outside the browser. */
export function cookieHeaderOf(storageStatePath: string): string {
  const state = JSON.parse(readFileSync(storageStatePath, "utf8")) as {
    cookies: { name: string; value: string }[];
  };
  return state.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

/** Signs in through the sign-in page of the server at `baseURL` (a spec's own launcher). */
export async function signInThroughPage(
  page: Page,
  baseURL: string,
  account: { email: string; password: string },
) {
  await page.goto(`${baseURL}/sign-in`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}
