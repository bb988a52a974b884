import { CATALOGUE } from "./catalogue";
import type { Toolchain } from "./technology-spec";

/**
 * Database drivers as sets: what an app of one toolchain installs for one database. Launchpad's
 * starters written here keep a manifest and lockfile per set in their folder's drivers/<set>/, laid
 * over app/ (render/app-files.ts), so an app depends on its own database's driver only; app/ itself
 * holds the manifest and lockfile without any driver (no database). See
 * docs/decisions/016-debian-images-and-one-driver.md.
 */

/** A package's name without its version: "better-sqlite3@12.9.0" is "better-sqlite3". */
export function packageName(spec: string): string {
  const at = spec.lastIndexOf("@");
  return at > 0 ? spec.slice(0, at) : spec;
}

/** The name of a driver set: its packages' names joined by "+" ("pg", "better-sqlite3"), or "none". */
export function driverSetName(drivers: readonly string[]): string {
  return drivers.length > 0 ? drivers.map(packageName).sort().join("+") : "none";
}

/** Every driver set the catalogue's databases ask of an app of this toolchain, "none" excluded. */
export function driverSets(toolchain: Toolchain): { name: string; packages: string[] }[] {
  const sets = new Map<string, string[]>();
  for (const tech of CATALOGUE) {
    if (tech.spec.kind !== "server-database" && tech.spec.kind !== "file-database") continue;
    const packages = tech.spec.drivers[toolchain] ?? [];
    if (packages.length > 0) sets.set(driverSetName(packages), packages);
  }
  return [...sets].map(([name, packages]) => ({ name, packages }));
}

/** Every package any database asks of an app of this toolchain (what a lockfile may hold one of). */
export function allDriverPackages(toolchain: Toolchain): string[] {
  return [...new Set(driverSets(toolchain).flatMap((set) => set.packages.map(packageName)))].sort();
}
