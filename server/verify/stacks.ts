import { allValidStacks, NONE, type Catalogue, type Stack } from "../shared/stack";

/**
 * Which stacks a run checks, and how each backend runs on this machine without Docker. The commands
 * are what the backend's Dockerfile runs, with the image's tools replaced by this machine's: npm
 * packages from the app's own lockfile, Python from Debian's packages under /usr/bin/python3.
 */
export type Runner = {
  toolchain: "node" | "python";
  /** The project folder the app lives in; a frontend is booted when there is no backend. */
  folder?: "backend" | "frontend";
  /** Where the app answers its health check (default /health). */
  healthPath?: string;
  /** Run once per distinct app content, in the app's copy. */
  install: string[][];
  /** Reads PORT and HOST from the environment like the Dockerfile's command does. */
  start: string[];
};

export const PYTHON = process.env.VERIFY_PYTHON ?? "/usr/bin/python3";
const NPM_CI = ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"];

export const RUNNERS: Record<string, Runner> = {
  express: { toolchain: "node", install: [NPM_CI], start: ["node", "index.js"] },
  nestjs: { toolchain: "node", install: [NPM_CI, ["npm", "run", "build"]], start: ["node", "dist/main.js"] },
  fastapi: { toolchain: "python", install: [], start: [PYTHON, "main.py"] },
  // Next.js without a backend: created by create-next-app as setup.sh does, built, then served.
  nextjs: {
    toolchain: "node",
    folder: "frontend",
    healthPath: "/api/health",
    install: [["npx", "--no-install", "next", "build"]],
    start: ["sh", "-c", 'exec npx --no-install next start -H "$HOST" -p "$PORT"'],
  },
  django: {
    toolchain: "python",
    install: [],
    start: ["sh", "-c", `exec ${PYTHON} manage.py runserver "$HOST:$PORT" --noreload`],
  },
};

/** Why a stack cannot boot on any machine of this kind, whatever is installed. */
export function cannotBoot(stack: Stack): string | null {
  if (stack.database === "mongodb") return "no MongoDB server can run here (none is packaged for Debian 12)";
  if (stack.backend === "laravel")
    return "Composer's package repository cannot be reached, so no Laravel application can be created";
  const app = stack.backend !== NONE ? stack.backend : stack.frontend;
  if (!RUNNERS[app]) return `no native runner for ${app}`;
  return null;
}

const BACKENDS = ["django", "fastapi", "express", "nestjs"];
const DATABASES = [NONE, "postgresql", "mysql", "sqlite"];

/**
 * CI's set: every bootable backend with each database it can boot, plus Laravel and MongoDB (static
 * checks only) and Next.js without a backend. React stands in for any frontend: it only gives the
 * backend its CORS origin.
 */
export function ciStacks(): Stack[] {
  const stacks: Stack[] = [];
  for (const backend of BACKENDS)
    for (const database of DATABASES) stacks.push({ backend, database, frontend: "react", css: NONE });
  stacks.push({ backend: "laravel", database: "postgresql", frontend: "react", css: NONE });
  for (const backend of ["express", "fastapi", "nestjs"])
    stacks.push({ backend, database: "mongodb", frontend: "react", css: NONE });
  for (const database of ["postgresql", "mysql", "sqlite"])
    stacks.push({ backend: NONE, database, frontend: "nextjs", css: NONE });
  return stacks;
}

/** VERIFY_STACKS=all: every valid stack of the catalogue that has a backend or a database. */
export function allStacks(catalogue: Catalogue): Stack[] {
  return allValidStacks(catalogue).filter((stack) => stack.backend !== NONE || stack.database !== NONE);
}

export const stackName = (stack: Stack) =>
  [stack.backend, stack.database, stack.frontend, stack.css].join("+");
