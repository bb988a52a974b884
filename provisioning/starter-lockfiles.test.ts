import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allValidStacks, NONE, type Stack } from "./stack";
import { CATALOGUE, catalogueChoices, findTechnology } from "./catalogue";
import { allDriverPackages, driverSets, packageName } from "./driver-sets";
import { TECHNOLOGIES_DIR } from "./paths";
import { generateProjectFiles } from "./render/generate-project-files";

/**
 * Each JavaScript backend depends on its own database's driver only (docs/decisions/016): Launchpad's
 * Node starters keep a manifest and lockfile per driver set in drivers/<set>/ (`npm run
 * starters:lock` writes them), app/ holds the driverless ones, and the generated app gets the set of
 * the stack's database. A lockfile holding another driver would install (and, for better-sqlite3,
 * compile) what the app never loads.
 */
type Manifest = { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
type Lockfile = { packages: Record<string, { version?: string; dependencies?: Record<string, string> }> };

const DRIVERS = allDriverPackages("node");
const STARTERS = CATALOGUE.filter(
  (tech) => tech.spec.kind === "app" && tech.spec.toolchain === "node" && !tech.spec.generator,
);

/** The driver packages a lockfile installs, at any depth, with their versions. */
function lockedDrivers(lock: Lockfile): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [key, entry] of Object.entries(lock.packages)) {
    const name = key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);
    if (key.includes("node_modules/") && DRIVERS.includes(name)) found[name] = entry.version ?? "?";
  }
  return found;
}

const readJson = async <T>(file: string) => JSON.parse(await readFile(file, "utf8")) as T;

describe("Node starters' lockfiles", () => {
  it("exist for two starters and four drivers", () => {
    expect(STARTERS.map((tech) => tech.slug).sort()).toEqual(["express", "nestjs"]);
    expect(DRIVERS).toEqual(["better-sqlite3", "mongodb", "mysql2", "pg"]);
  });

  for (const tech of STARTERS) {
    const folder = path.join(TECHNOLOGIES_DIR, tech.category, tech.slug);

    it(`${tech.slug}: app/ holds no driver, each drivers/<set>/ its own only, at the pinned version`, async () => {
      const base = await readJson<Manifest>(path.join(folder, "app", "package.json"));
      const baseLock = await readJson<Lockfile>(path.join(folder, "app", "package-lock.json"));
      expect(Object.keys(base.dependencies ?? {}).filter((name) => DRIVERS.includes(name))).toEqual([]);
      expect(lockedDrivers(baseLock)).toEqual({});

      const sets = driverSets("node");
      expect((await readdir(path.join(folder, "drivers"))).sort()).toEqual(sets.map((s) => s.name).sort());
      for (const set of sets) {
        const dir = path.join(folder, "drivers", set.name);
        const manifest = await readJson<Manifest>(path.join(dir, "package.json"));
        const lock = await readJson<Lockfile>(path.join(dir, "package-lock.json"));
        const pinned = Object.fromEntries(
          set.packages.map((spec) => [packageName(spec), spec.slice(packageName(spec).length + 1)]),
        );
        // The base manifest plus the set's drivers, nothing else.
        expect(manifest.dependencies).toEqual({ ...base.dependencies, ...pinned });
        expect(manifest.devDependencies).toEqual(base.devDependencies);
        expect(lock.packages[""]?.dependencies).toEqual(manifest.dependencies);
        expect(lockedDrivers(lock), `${tech.slug}/drivers/${set.name}`).toEqual(pinned);
      }
    });
  }
});

describe("each generated JavaScript backend's lockfile", () => {
  const stacks = allValidStacks(catalogueChoices()).filter((stack) =>
    STARTERS.some((tech) => tech.slug === stack.backend),
  );

  async function backendFiles(stack: Stack) {
    const hasServerDatabase = findTechnology("database", stack.database)?.spec.kind === "server-database";
    const { files } = await generateProjectFiles({
      project: { slug: "drivers", name: "Drivers", description: "" },
      stack,
      credentials: hasServerDatabase
        ? { databaseName: "drivers", databaseUser: "drivers_user", password: "P".repeat(32) }
        : null,
      secrets: { app: "a".repeat(43), databaseRoot: "r".repeat(43) },
      ports: { app: 21_001, frontend: 21_002, database: 21_003, admin: 21_004 },
      catalogueVersion: 1,
      generatedAt: new Date(0),
    });
    const file = (name: string) => files.find((f) => f.path === name)?.content ?? "";
    return {
      lock: JSON.parse(file("backend/app/package-lock.json")) as Lockfile,
      manifest: JSON.parse(file("backend/app/package.json")) as Manifest,
      dockerfile: file("backend/Dockerfile"),
    };
  }

  it(`holds only its database's driver, and its image a compiler only for one that needs it (${stacks.length} stacks)`, async () => {
    const problems: string[] = [];
    for (const stack of stacks) {
      const name = Object.values(stack).join("+");
      const database = findTechnology("database", stack.database);
      const drivers =
        database && (database.spec.kind === "server-database" || database.spec.kind === "file-database")
          ? database.spec
          : null;
      const expected = (drivers?.drivers.node ?? []).map(packageName).sort();
      const { lock, manifest, dockerfile } = await backendFiles(stack);
      const locked = Object.keys(lockedDrivers(lock)).sort();
      if (locked.join() !== expected.join()) problems.push(`${name}: lockfile has [${locked.join(", ")}]`);
      const listed = Object.keys(manifest.dependencies ?? {}).filter((dep) => DRIVERS.includes(dep));
      if (listed.sort().join() !== expected.join())
        problems.push(`${name}: package.json has [${listed.join(", ")}]`);
      const compiler = /\bg\+\+/.test(dockerfile);
      const needsCompiler = (drivers?.driverBuildPackages.node ?? []).includes("g++");
      if (compiler !== needsCompiler) problems.push(`${name}: compiler in the image: ${compiler}`);
      if (/\bapk\b/.test(dockerfile)) problems.push(`${name}: the Dockerfile uses apk`);
    }
    expect(stacks.filter((stack) => stack.database === NONE).length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
