import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { lstat, mkdtemp, readFile, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { answerInterview, createProject, PROJECTS_DIR, uniqueSuffix } from "./helpers";

/**
 * Preview before Save and Download as zip (issue 27), in Chromium against the real app: the preview
 * shows the engine's files with placeholders and writes nothing; the zip is downloaded by the browser,
 * unpacked with the system's unzip and compared with the project's folder.
 */
const run = promisify(execFile);
const STACK = { backend: /^Express/, database: /^PostgreSQL/, frontend: /^React/, css: /^Tailwind/ };

/** Every path under `root` (recursively, links not followed) with its mode and type, `skip` aside. */
async function tree(root: string, skip: Set<string>): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  async function walk(relative: string) {
    for (const name of await readdir(path.join(root, relative))) {
      const entry = relative ? `${relative}/${name}` : name;
      if (skip.has(entry)) continue;
      const stats = await lstat(path.join(root, entry));
      found.set(entry, stats.mode);
      if (stats.isDirectory()) await walk(entry);
    }
  }
  await walk("");
  return found;
}

async function downloadZip(page: Page, includeEnv: boolean): Promise<string> {
  if (includeEnv) await page.getByRole("checkbox", { name: /Include .env/ }).check();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download as zip" }).click(),
  ]);
  const out = await mkdtemp(path.join(os.tmpdir(), "launchpad-e2e-zip-"));
  const zipPath = path.join(out, download.suggestedFilename());
  await download.saveAs(zipPath);
  await run("unzip", ["-q", zipPath, "-d", out]);
  return out;
}

test("the review step previews the files Save writes, with placeholders, and writes nothing", async ({
  page,
}) => {
  const slug = await createProject(page, `Preview ${uniqueSuffix()}`);
  await answerInterview(page, STACK);
  await page.getByRole("button", { name: "Preview files" }).click();
  const preview = page.getByRole("region", { name: /files Save writes/ });
  await expect(preview).toBeVisible();
  for (const file of ["docker-compose.yml", ".env", "setup.sh", "README.md", "launchpad.json"])
    await expect(preview.getByText(file, { exact: true })).toBeVisible();
  await preview.getByText(".env", { exact: true }).click();
  const env = preview.getByLabel("Contents of .env");
  await expect(env).toContainText("DB_PASSWORD=••••");
  await expect(env).toContainText("DB_PORT=<allocated on save>");
  await expect(preview.getByLabel("mode 755")).toHaveCount(1);
  expect(existsSync(path.join(PROJECTS_DIR, slug))).toBe(false);
});

test("Download as zip gives the folder as it is, modes and bytes kept, and .env only when asked", async ({
  page,
}) => {
  const slug = await createProject(page, `Zip ${uniqueSuffix()}`);
  await answerInterview(page, STACK);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog", { name: "Your project is ready" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(new RegExp(`/projects/${slug}$`));
  const folder = path.join(PROJECTS_DIR, slug);

  const withoutEnv = await downloadZip(page, false);
  const unzipped = path.join(withoutEnv, slug);
  const expected = await tree(folder, new Set([".env", "README.md", ".git"]));
  const actual = await tree(unzipped, new Set([".env.example", "README.md"]));
  expect([...actual.entries()].sort()).toEqual([...expected.entries()].sort());
  for (const [entry, mode] of expected) {
    if ((mode & 0o170000) === 0o100000)
      expect(await readFile(path.join(unzipped, entry)), entry).toEqual(
        await readFile(path.join(folder, entry)),
      );
  }
  expect(expected.get("setup.sh")! & 0o777).toBe(0o755);
  expect(await readFile(path.join(unzipped, ".env.example"), "utf8")).toMatch(/^DB_PASSWORD=$/m);
  expect(await readFile(path.join(unzipped, "README.md"), "utf8")).toContain("## About this download");

  const withEnv = await downloadZip(page, true);
  const env = await readFile(path.join(withEnv, slug, ".env"), "utf8");
  expect(env).toBe(await readFile(path.join(folder, ".env"), "utf8"));
  expect((await lstat(path.join(withEnv, slug, ".env"))).mode & 0o777).toBe(0o600);
  await expect(lstat(path.join(withEnv, slug, ".env.example"))).rejects.toThrow(/ENOENT/);
});
