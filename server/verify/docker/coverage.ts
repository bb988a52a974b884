import { allValidStacks, NONE, type Catalogue, type Stack } from "../../../provisioning/stack";
import { partsOf } from "../../../provisioning/verification/stack-knowledge";

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
 * port in use), run as a non-root user: it is a Next.js stack because create-next-app is the
 * generator that cares who runs it and where (decision 019).
 */
const CI_STACKS: [backend: string, database: string, frontend: string, css: string][] = [
  ["express", "postgresql", "nextjs", "tailwind"],
  ["nestjs", "mysql", "vue", "bootstrap"],
  ["express", "sqlite", "angular", NONE],
  [NONE, NONE, "react", "tailwind"],
  ["nestjs", NONE, NONE, NONE],
];

export const ciDockerStacks = (): Stack[] =>
  CI_STACKS.map(([backend, database, frontend, css]) => ({ backend, database, frontend, css }));

/**
 * `--pairs`: a small set of runnable stacks in which every part a runnable stack has (its backend
 * with its database, its frontend with its CSS, its frontend calling its backend) runs whole at least
 * once, so that every runnable stack is at least proven in parts. Chosen greedily: each next stack
 * covers the most parts not yet covered (ties: the catalogue's order), which is within a small
 * factor of the smallest such set and the same on every run.
 */
export function pairsDockerStacks(catalogue: Catalogue): Stack[] {
  const runnable = allValidStacks(catalogue).filter((stack) => cannotRunInDocker(stack) === null);
  const keysOf = new Map(runnable.map((stack) => [stack, partsOf(stack).map((part) => part.key)]));
  const uncovered = new Set([...keysOf.values()].flat());
  const chosen: Stack[] = [];
  while (uncovered.size > 0) {
    let best: Stack | null = null;
    let bestGain = 0;
    for (const [stack, keys] of keysOf) {
      const gain = keys.filter((key) => uncovered.has(key)).length;
      if (gain > bestGain) [best, bestGain] = [stack, gain];
    }
    if (!best) break;
    chosen.push(best);
    for (const key of keysOf.get(best)!) uncovered.delete(key);
  }
  return chosen;
}

/** `--all`: every valid stack of the catalogue, with those that cannot run said so. */
export function allDockerStacks(catalogue: Catalogue): Stack[] {
  return allValidStacks(catalogue);
}
