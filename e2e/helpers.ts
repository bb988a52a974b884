import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { parse as parseDotenv } from "dotenv";

/** The projects folder of the server under test (see playwright.config.ts). */
export const PROJECTS_DIR = path.resolve("test-results/e2e-projects");
export const SCREENSHOTS_DIR = "test-results/screenshots";

export const uniqueSuffix = () => randomBytes(3).toString("hex");

/** Creates a project through the UI and returns its slug; the browser is then on the interview. */
export async function createProject(page: Page, name: string): Promise<string> {
  await page.goto("/projects/new");
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/[a-z0-9-]+\/interview$/);
  return new URL(page.url()).pathname.split("/")[2] ?? "";
}

export type StackLabels = { backend: RegExp; database: RegExp; frontend: RegExp; css: RegExp };

/** Answers Q2 to Q6 of the wizard (Q1, the name, is prefilled) without pressing the final Save. */
export async function answerInterview(page: Page, description: string, stack: StackLabels) {
  await expect(page.getByText("Step 2 of 6")).toBeVisible();
  await page.getByLabel("Description").fill(description);
  await page.getByRole("button", { name: "Next" }).click();
  for (const [step, label] of [
    [3, stack.backend],
    [4, stack.database],
    [5, stack.frontend],
  ] as const) {
    await expect(page.getByText(`Step ${step} of 6`)).toBeVisible();
    await page.getByRole("radio", { name: label }).check();
    await page.getByRole("button", { name: "Next" }).click();
  }
  await expect(page.getByText("Step 6 of 6")).toBeVisible();
  await page.getByRole("radio", { name: stack.css }).check();
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
