import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** Where each technology's static files live: provisioning/technologies/<category>/<slug>/. */
export const TECHNOLOGIES_DIR = path.resolve("provisioning/technologies");
export const TEMPLATES_DIR = path.resolve("provisioning/templates");
export const SCRIPTS_DIR = path.resolve("provisioning/scripts");

export type StaticFile = { path: string; content: string };

const cache = new Map<string, Promise<StaticFile[]>>();

/**
 * The files of one technology folder, relative to it. They are part of Launchpad (not user data) and
 * do not change while it runs, so they are read once per process.
 */
export function technologyFiles(category: string, slug: string): Promise<StaticFile[]> {
  const dir = path.join(TECHNOLOGIES_DIR, category, slug);
  let files = cache.get(dir);
  if (!files) {
    files = readTree(dir, "");
    cache.set(dir, files);
  }
  return files;
}

async function readTree(root: string, prefix: string): Promise<StaticFile[]> {
  let entries;
  try {
    entries = await readdir(path.join(root, prefix), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const nested = await Promise.all(
    entries.map(async (entry): Promise<StaticFile[]> => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return readTree(root, relative);
      if (!entry.isFile()) return [];
      return [{ path: relative, content: await readFile(path.join(root, relative), "utf8") }];
    }),
  );
  return nested.flat().sort((a, b) => a.path.localeCompare(b.path));
}

let setupTemplate: Promise<string> | undefined;
export function setupScriptTemplate(): Promise<string> {
  setupTemplate ??= readFile(path.join(TEMPLATES_DIR, "setup.sh"), "utf8");
  return setupTemplate;
}
