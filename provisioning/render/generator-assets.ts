import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { CATALOGUE } from "../catalogue";
import { TECHNOLOGIES_DIR, TEMPLATES_DIR } from "../paths";

/**
 * The files Launchpad copies or fills: the setup.sh template and each technology's folder
 * (provisioning/technologies/<category>/<slug>/: Dockerfile, starter code). They are part of
 * Launchpad, not user data, and do not change while it runs, so they are read once per process.
 */

export type StaticFile = { path: string; content: string };
export type GeneratorAssets = {
  setupTemplate: string;
  /** By "<category>/<slug>", the files of that technology's folder, relative to it, sorted. */
  technologyFiles: ReadonlyMap<string, StaticFile[]>;
};

let assets: Promise<GeneratorAssets> | undefined;

export function loadGeneratorAssets(): Promise<GeneratorAssets> {
  assets ??= readAssets().catch((error: unknown) => {
    assets = undefined; // a failed read is retried by the next run
    throw error;
  });
  return assets;
}

async function readAssets(): Promise<GeneratorAssets> {
  const setupTemplate = await readFile(path.join(TEMPLATES_DIR, "setup.sh"), "utf8");
  const folders = [...new Set(CATALOGUE.map((tech) => `${tech.category}/${tech.slug}`))];
  const trees = await Promise.all(
    folders.map(async (folder) => {
      const files = await readTree(path.join(TECHNOLOGIES_DIR, folder), "");
      return [folder, files] as const;
    }),
  );
  return { setupTemplate, technologyFiles: new Map(trees) };
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
