/**
 * `npm run starters:lock`: writes the manifest and lockfile of each driver set of every Node starter
 * written here (provisioning/technologies/<category>/<slug>/drivers/<set>/), from its driverless
 * app/package.json and the drivers the catalogue's databases ask for, then prunes app/'s own lockfile
 * to no driver. Each lockfile is made by npm (`install --package-lock-only`, no install, no scripts)
 * from the set's current lockfile, or app/'s, so the versions already locked stay as they are.
 * Run it after changing a starter's package.json or a driver pin (docs/decisions/011 and 016).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { CATALOGUE } from "../../provisioning/catalogue";
import { driverSets, packageName } from "../../provisioning/driver-sets";
import { TECHNOLOGIES_DIR } from "../../provisioning/paths";

const run = promisify(execFile);
type Manifest = { dependencies?: Record<string, string> } & Record<string, unknown>;

async function lock(manifest: Manifest, fromLock: string, toDir: string): Promise<void> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "launchpad-lock-"));
  try {
    await writeFile(path.join(scratch, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    await copyFile(fromLock, path.join(scratch, "package-lock.json"));
    await run("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"], {
      cwd: scratch,
    });
    await mkdir(toDir, { recursive: true });
    await copyFile(path.join(scratch, "package.json"), path.join(toDir, "package.json"));
    await copyFile(path.join(scratch, "package-lock.json"), path.join(toDir, "package-lock.json"));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const starters = CATALOGUE.filter(
  (tech) => tech.spec.kind === "app" && tech.spec.toolchain === "node" && !tech.spec.generator,
);
for (const tech of starters) {
  const folder = path.join(TECHNOLOGIES_DIR, tech.category, tech.slug);
  const appDir = path.join(folder, "app");
  const base = JSON.parse(await readFile(path.join(appDir, "package.json"), "utf8")) as Manifest;
  for (const set of driverSets("node")) {
    const drivers = Object.fromEntries(
      set.packages.map((spec) => [packageName(spec), spec.slice(packageName(spec).length + 1)]),
    );
    const dependencies = Object.fromEntries(
      Object.entries({ ...base.dependencies, ...drivers }).sort(([a], [b]) => a.localeCompare(b)),
    );
    const setDir = path.join(folder, "drivers", set.name);
    const current = path.join(setDir, "package-lock.json");
    await lock(
      { ...base, dependencies },
      existsSync(current) ? current : path.join(appDir, "package-lock.json"),
      setDir,
    );
    console.log(`${tech.category}/${tech.slug}/drivers/${set.name}: locked`);
  }
  await lock(base, path.join(appDir, "package-lock.json"), appDir);
  console.log(`${tech.category}/${tech.slug}/app: locked without a driver`);
}
