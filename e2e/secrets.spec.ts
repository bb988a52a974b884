import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { answerInterview, createProject, PROJECTS_DIR, readProjectEnv, uniqueSuffix } from "./helpers";

/**
 * Every database password in the server's projects folder (this spec's own, and those of any spec
 * that ran before it, in whatever order) is searched for where it must never be. The passwords come
 * from the generated .env files.
 */
async function generatedPasswords(): Promise<string[]> {
  const slugs = (await readdir(PROJECTS_DIR, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const envs = await Promise.all(
    slugs.map((slug) => readProjectEnv(slug).catch((): Record<string, string> => ({}))),
  );
  return envs.flatMap((env) => (env.DB_PASSWORD ? [env.DB_PASSWORD] : []));
}

async function filesUnder(dir: string, suffix: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(suffix))
    .map((e) => path.join(e.parentPath, e.name));
}

test("no generated password reaches URLs, browser storage, caches, logs or the built JavaScript", async ({
  page,
}) => {
  const slug = await createProject(page, `Secretive ${uniqueSuffix()}`, "Checks where secrets go.");
  await answerInterview(page, {
    backend: /^Django/,
    database: /^MySQL/,
    frontend: /^Vue/,
    css: /^Bootstrap/,
  });
  const visited: string[] = [];
  page.on("framenavigated", (frame) => visited.push(frame.url()));
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  const saveResponse = page.waitForResponse((response) => response.url().includes("interview.saveStack"));
  await page.getByRole("button", { name: "Save" }).click();
  const response = await saveResponse;
  expect(response.headers()["cache-control"]).toBe("no-store");
  const saveBody = await response.text();
  await expect(page.getByRole("dialog", { name: "Your project is ready" })).toBeVisible();
  await page.getByRole("button", { name: "Reveal password" }).click();
  const password = (await readProjectEnv(slug)).DB_PASSWORD ?? "";
  expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
  expect(saveBody, "only provisioning.reveal carries the password").not.toContain(password);
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Show credentials" }).click();
  await page.keyboard.press("Escape");

  const storage = await page.evaluate(
    () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
  );
  const cookies = JSON.stringify(await page.context().cookies());
  const passwords = await generatedPasswords();
  expect(passwords).toContain(password);

  const serverLog = existsSync("test-results/e2e-server.log")
    ? await readFile("test-results/e2e-server.log", "utf8")
    : null;
  expect(serverLog, "the server log is kept by playwright.config.ts").not.toBeNull();
  const builtJs = await Promise.all(
    (await filesUnder(".next/static", ".js")).map((file) => readFile(file, "utf8")),
  );

  for (const secret of passwords) {
    expect(visited.join("\n")).not.toContain(secret);
    expect(requests.join("\n")).not.toContain(secret);
    expect(storage).not.toContain(secret);
    expect(cookies).not.toContain(secret);
    expect(serverLog).not.toContain(secret);
    expect(builtJs.some((js) => js.includes(secret))).toBe(false);
  }

  // Run records and error responses as the API returns them.
  const history = await page.request.get(
    `/api/trpc/provisioning.history?input=${encodeURIComponent(JSON.stringify({ json: { slug } }))}`,
  );
  expect(history.headers()["cache-control"]).toBe("no-store");
  const conflict = await page.request.post("/api/trpc/project.create", {
    data: { json: { name: `Secretive ${slug}` } },
  });
  const audit = await page.request.get(
    `/api/trpc/audit.project?input=${encodeURIComponent(JSON.stringify({ json: { slug } }))}`,
  );
  expect(await audit.text()).toContain("credentials.revealed");
  for (const secret of passwords) {
    expect(await history.text()).not.toContain(secret);
    expect(await conflict.text()).not.toContain(secret);
    expect(await audit.text()).not.toContain(secret);
  }
});

test("request bodies over the limit are refused before they are parsed", async ({ page }) => {
  const response = await page.request.post("/api/trpc/project.create", {
    data: { json: { name: "x", description: "y".repeat(100 * 1024) } },
  });
  expect(response.status()).toBe(413);
  expect(await response.text()).toContain("Request body too large");
});
