import { allValidStacks, NONE, type Catalogue, type Stack } from "../../../provisioning/stack";

/**
 * Which stacks verify:docker can run here: their every image has a stand-in (or none is needed) and
 * their generators reach only the npm registry and Debian's mirror.
 */
const COVERED = {
  backend: [NONE, "express", "nestjs"],
  database: [NONE, "postgresql", "mysql", "sqlite"],
  frontend: [NONE, "react", "vue", "angular", "nextjs"],
};

/** Why a stack cannot run in Docker on this machine, or null. */
export function cannotRunInDocker(stack: Stack): string | null {
  if (stack.database === "mongodb")
    return "no MongoDB server can run here: no image can be pulled and Debian packages none to stand in";
  if (stack.backend === "fastapi" || stack.backend === "django")
    return "the Python package index cannot be reached, so its image cannot install the app's requirements";
  if (stack.backend === "laravel")
    return "Composer's package repository cannot be reached, so no Laravel application can be created";
  if (
    !COVERED.backend.includes(stack.backend) ||
    !COVERED.database.includes(stack.database) ||
    !COVERED.frontend.includes(stack.frontend)
  )
    return "no stand-in for one of its images";
  return null;
}

/**
 * CI's smoke set: every coverable backend (and none), each of PostgreSQL, MySQL and SQLite, every
 * frontend and both CSS frameworks. The first gets the full checks (persistence, file ownership, a
 * port in use).
 */
const CI_STACKS: [backend: string, database: string, frontend: string, css: string][] = [
  ["express", "postgresql", "react", "tailwind"],
  ["nestjs", "mysql", "vue", "bootstrap"],
  ["express", "sqlite", "angular", NONE],
  [NONE, "postgresql", "nextjs", "tailwind"],
  ["nestjs", NONE, NONE, NONE],
];

export const ciDockerStacks = (): Stack[] =>
  CI_STACKS.map(([backend, database, frontend, css]) => ({ backend, database, frontend, css }));

/** VERIFY_STACKS=all: every valid stack of the catalogue, with those that cannot run said so. */
export function allDockerStacks(catalogue: Catalogue): Stack[] {
  return allValidStacks(catalogue);
}
