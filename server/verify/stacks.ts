import { allValidStacks, NONE, type Catalogue, type Stack } from "../../provisioning/stack";
import { PYTHON } from "./python/root";

/**
 * Which stacks a run checks, and how each backend runs on this machine without Docker. The commands
 * are what the backend's Dockerfile runs, with the image's tools replaced by this machine's: npm
 * packages from the app's own lockfile, Python from Debian's packages (python/root.ts).
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
  /** The app renders its own first page at / (checked in the browser when there is no frontend). */
  page?: boolean;
};

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
    page: true,
    install: [["npx", "--no-install", "next", "build"]],
    start: ["sh", "-c", 'exec npx --no-install next start -H "$HOST" -p "$PORT"'],
  },
  django: {
    toolchain: "python",
    page: true,
    install: [],
    start: ["sh", "-c", `exec '${PYTHON}' manage.py runserver "$HOST:$PORT" --noreload`],
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

/**
 * CI's set: every bootable backend with each database it can boot, each paired with a frontend and
 * CSS so that every frontend is built and checked in the browser with each CSS choice at least once
 * (Next.js also beside a backend, Django's own page with each choice); Laravel and MongoDB get their
 * static checks; Next.js without a backend reaches each server database itself.
 */
const CI_STACKS: [backend: string, database: string, frontend: string, css: string][] = [
  ["express", NONE, "react", "tailwind"],
  ["express", "postgresql", "vue", "bootstrap"],
  ["express", "mysql", "angular", NONE],
  ["express", "sqlite", "nextjs", "tailwind"],
  ["fastapi", NONE, "vue", NONE],
  ["fastapi", "postgresql", "angular", "tailwind"],
  ["fastapi", "mysql", "react", "bootstrap"],
  ["fastapi", "sqlite", NONE, NONE],
  ["nestjs", NONE, "angular", "bootstrap"],
  ["nestjs", "postgresql", "react", NONE],
  ["nestjs", "mysql", "vue", "tailwind"],
  ["nestjs", "sqlite", "nextjs", "bootstrap"],
  ["django", NONE, NONE, NONE],
  ["django", "postgresql", NONE, "tailwind"],
  ["django", "mysql", NONE, "bootstrap"],
  ["django", "sqlite", "react", NONE],
  ["laravel", "postgresql", NONE, "tailwind"],
  ["laravel", "mysql", NONE, "bootstrap"],
  ["laravel", "sqlite", "react", NONE],
  ["express", "mongodb", "react", NONE],
  ["fastapi", "mongodb", "vue", NONE],
  ["nestjs", "mongodb", "angular", NONE],
  [NONE, "postgresql", "nextjs", NONE],
  [NONE, "mysql", "nextjs", "tailwind"],
  [NONE, "sqlite", "nextjs", "bootstrap"],
];

export function ciStacks(): Stack[] {
  return CI_STACKS.map(([backend, database, frontend, css]) => ({ backend, database, frontend, css }));
}

/** VERIFY_STACKS=all: every valid stack of the catalogue that has a backend or a database. */
export function allStacks(catalogue: Catalogue): Stack[] {
  return allValidStacks(catalogue).filter((stack) => stack.backend !== NONE || stack.database !== NONE);
}

export const stackName = (stack: Stack) =>
  [stack.backend, stack.database, stack.frontend, stack.css].join("+");
