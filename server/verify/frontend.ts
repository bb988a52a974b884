import path from "node:path";
import { performance } from "node:perf_hooks";
import { readFile } from "node:fs/promises";
import { parse as parseDotenv } from "dotenv";
import type { Stack } from "../../provisioning/stack";
import { checkPage, type PageOutcome } from "./browser";
import { containerEnvironment } from "./environment";
import type { AppGenerator } from "./generate";
import { baseEnvironment } from "./install";
import { runCommand, startApp, tail, type Environment } from "./processes";
import { serveStatic } from "./static-server";

/**
 * A frontend checked as its users get it: created as setup.sh creates it, built with its own
 * production build and the API URL of its container's environment, served on the project's
 * FRONTEND_PORT (the origin the backend's CORS allows), and loaded in Chromium against the running
 * backend.
 */
type FrontendBuild = {
  build: string[];
  /** A folder of static files, or the command that serves the build (reads HOST and PORT). */
  serve: { folder: string } | { command: string[] };
};

export const FRONTEND_BUILDS: Record<string, FrontendBuild> = {
  react: { build: ["npm", "run", "build"], serve: { folder: "dist" } },
  vue: { build: ["npm", "run", "build"], serve: { folder: "dist" } },
  angular: {
    build: ["sh", "-c", "exec npx --no-install ng build --define \"API_URL='$API_URL'\""],
    serve: { folder: "dist/app/browser" },
  },
  nextjs: {
    build: ["npx", "--no-install", "next", "build"],
    serve: { command: ["sh", "-c", 'exec npx --no-install next start -H "$HOST" -p "$PORT"'] },
  },
};

export type FrontendOutcome = PageOutcome & { buildSeconds?: number; step?: string };

/**
 * The frontend container's variables with this machine's view: the backend's host-port URL and
 * its in-network URL (http://backend:<port>) both become the natively running backend's URL.
 */
function nativeFrontendEnvironment(
  container: Record<string, string>,
  hostBackendUrl: string | null,
  backendUrl: string,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(container).map(([name, value]) => [
      name,
      (hostBackendUrl && value === hostBackendUrl) || /^http:\/\/backend:\d+$/.test(value)
        ? backendUrl
        : value,
    ]),
  );
}

export async function verifyFrontend(
  projectDir: string,
  stack: Stack,
  options: { generator: AppGenerator; backendUrl: string; expectedDatabase: string | null },
): Promise<FrontendOutcome> {
  const build = FRONTEND_BUILDS[stack.frontend];
  if (!build)
    return { ok: false, health: "not run", styled: "not run", detail: `no build for ${stack.frontend}` };
  const dotenv = parseDotenv(await readFile(path.join(projectDir, ".env"), "utf8"));
  const port = Number(dotenv.FRONTEND_PORT);
  const failed = (step: string, detail: string): FrontendOutcome => ({
    ok: false,
    health: "not shown",
    styled: "not checked",
    step,
    detail,
  });
  const app = await options.generator.create(projectDir, stack, "frontend");
  if ("step" in app) return failed(app.step, app.output);
  try {
    const env: Environment = {
      ...baseEnvironment(),
      NEXT_TELEMETRY_DISABLED: "1",
      CI: "1",
      ...nativeFrontendEnvironment(
        await containerEnvironment(projectDir, "frontend"),
        dotenv.APP_PORT ? `http://127.0.0.1:${dotenv.APP_PORT}` : null,
        options.backendUrl,
      ),
    };
    const started = performance.now();
    const built = await runCommand(build.build, { cwd: app.dir, env, timeoutMs: 600_000 });
    const buildSeconds = Math.round((performance.now() - started) / 100) / 10;
    if (built.code !== 0) return failed(build.build.join(" "), tail(built.output));

    const url = `http://127.0.0.1:${port}/`;
    const check = () => checkPage(url, { css: stack.css, expectedDatabase: options.expectedDatabase });
    if ("folder" in build.serve) {
      const server = await serveStatic(path.join(app.dir, build.serve.folder), port);
      try {
        return { ...(await check()), buildSeconds };
      } finally {
        await server.stop();
      }
    }
    const server = startApp(build.serve.command, {
      cwd: app.dir,
      env: { ...env, HOST: "127.0.0.1", PORT: String(port) },
    });
    try {
      if (!(await waitForPort(url, () => server.exited()))) return failed("serve", tail(server.output()));
      const outcome = await check();
      return {
        ...outcome,
        buildSeconds,
        ...(outcome.ok ? {} : { detail: `${outcome.detail}\n${tail(server.output(), 8)}` }),
      };
    } finally {
      await server.stop();
    }
  } finally {
    await app.remove();
  }
}

async function waitForPort(url: string, exited: () => boolean): Promise<boolean> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !exited()) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(5000) });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return false;
}
