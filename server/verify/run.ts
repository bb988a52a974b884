import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parse as parseDotenv } from "dotenv";
import { NONE, type Stack } from "../../provisioning/stack";
import { checkCors, waitForHealth } from "./checks";
import {
  createStackDatabase,
  dropStackDatabase,
  removeLeftovers,
  SERVER_PORTS,
  serverProblems,
  type ServerKind,
  type StackDatabase,
} from "./database-roles";
import { bindMounts, containerEnvironment, nativeEnvironment } from "./environment";
import { baseEnvironment, contentHash, installApp, type InstalledApp } from "./install";
import { runCommand, startApp, tail } from "./processes";
import { runPrefix, startLaunchpad } from "./provision";
import { printStack, summarize, type StackReport } from "./report";
import { allStacks, cannotBoot, ciStacks, RUNNERS, stackName } from "./stacks";
import { preparePythonRoot, PYTHON, pythonRootDir } from "./python/root";
import { AppGenerator, plannedApp } from "./generate";
import { browserProblem, checkPage, closeBrowser } from "./browser";
import { verifyFrontend } from "./frontend";
import { staticChecks } from "./static-checks";
import { uncheckedStacks } from "./unchecked";
import { serverVersions, toRecord, writeRecords } from "./record";
import { VERIFIED_STACKS_FILE } from "../../provisioning/verification/verified-stacks";

/**
 * `npm run verify:stacks`: provisions stacks through the real engine, then boots each generated
 * backend natively against this machine's database servers and checks /health and CORS.
 * A prerequisite this machine lacks makes its stacks "not booted"; with `strict` (CI) that fails.
 */
export type VerifyOptions = {
  /** CI's set, every stack, or what it takes for no stack to be "not checked" (unchecked.ts). */
  which: "ci" | "all" | "unchecked";
  strict: boolean;
  /** Write what was proven of each stack into provisioning/verified-stacks.json (--record). */
  record: boolean;
  /** Only these stacks of the set ("express+postgresql+vue+bootstrap"), e.g. to re-check one. */
  only?: string[];
};

const PYTHON_MODULES = [
  "django",
  "fastapi",
  "uvicorn",
  "psycopg",
  "psycopg2",
  "pymysql",
  "dj_database_url",
  "corsheaders",
];

/** Why the Python backends cannot boot here, or null; prepares Debian 13's Python first. */
async function pythonProblem(strict: boolean): Promise<string | null> {
  const { fallback } = await preparePythonRoot((line) => console.log(`verify:stacks: ${line}`));
  // CI provides everything: there a proof on this machine's older Python would be a silent downgrade.
  if (fallback && strict && !process.env.VERIFY_PYTHON) return fallback;
  if (fallback) console.log(`verify:stacks: Python from ${PYTHON}, not Debian 13's: ${fallback}`);
  if (!existsSync(PYTHON)) return `${PYTHON} is missing`;
  const result = await runCommand(
    [
      PYTHON,
      "-c",
      `import importlib\nfor m in ${JSON.stringify(PYTHON_MODULES)}:\n    importlib.import_module(m)`,
    ],
    { cwd: "/", env: baseEnvironment(), timeoutMs: 30_000 },
  );
  if (result.code === 0) return null;
  const missingModule = /No module named '([^']+)'/.exec(result.output)?.[1];
  const where = fallback
    ? `this machine's python3 (${fallback})`
    : `the Debian 13 root at ${pythonRootDir()}`;
  return `Debian's Python packages are missing in ${where}${missingModule ? `: no module ${missingModule}` : ""}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const serverKind = (database: string): ServerKind | null =>
  database === "postgresql" || database === "mysql" ? database : null;

export async function verifyStacks(options: VerifyOptions): Promise<{ reports: StackReport[]; ok: boolean }> {
  const started = performance.now();
  const servers = await serverProblems();
  const python = await pythonProblem(options.strict);
  await removeLeftovers({ postgresql: servers.postgresql === null, mysql: servers.mysql === null });
  const prefix = runPrefix();
  const launchpad = await startLaunchpad(prefix);
  const reports: StackReport[] = [];
  const checked: { stack: Stack; report: StackReport }[] = [];
  const installed = new Map<string, InstalledApp>();
  const generator = new AppGenerator();
  const browser = browserProblem();
  try {
    const chosen =
      options.which === "all"
        ? allStacks(launchpad.catalogue)
        : options.which === "unchecked"
          ? await uncheckedStacks(launchpad.catalogue)
          : ciStacks();
    const stacks = chosen
      .filter((stack) => !options.only || options.only.includes(stackName(stack)))
      .sort((a, b) => a.backend.localeCompare(b.backend));
    // The frameworks' generators (npm installs, mostly waiting) run while the backends are checked.
    generator.prefetch(stacks.filter((stack) => cannotBoot(stack) === null));
    let previousBackend: string | null = null;
    for (const stack of stacks) {
      if (previousBackend !== null && previousBackend !== stack.backend) {
        // Delete each backend's app once its stacks are checked.
        await installed.get(previousBackend)?.remove();
        installed.delete(previousBackend);
      }
      previousBackend = stack.backend;
      const report = await verifyOne(stack, { launchpad, servers, python, browser, installed, generator });
      printStack(report);
      reports.push(report);
      checked.push({ stack, report });
    }
  } finally {
    for (const app of installed.values()) await app.remove();
    await generator.removeAll();
    await closeBrowser();
    await launchpad.stop();
    await rm(launchpad.projectsDir, { recursive: true, force: true });
  }
  const summary = summarize(reports, (performance.now() - started) / 1000);
  console.log(JSON.stringify(summary));
  if (options.record) {
    const versions = await serverVersions();
    const today = new Date().toISOString().slice(0, 10);
    await writeRecords(
      await Promise.all(checked.map(({ stack, report }) => toRecord(stack, report, versions, today))),
    );
    console.log(`Recorded ${checked.length} stacks in ${VERIFIED_STACKS_FILE}`);
  }
  const missingPrerequisite = reports.some((r) => !r.booted && r.reason?.startsWith("missing prerequisite"));
  const ok = summary.failed === 0 && !(options.strict && missingPrerequisite);
  if (options.strict && missingPrerequisite)
    console.error("CI: a missing prerequisite is a failure, not a skip.");
  return { reports, ok };
}

async function verifyOne(
  stack: Stack,
  context: {
    launchpad: Awaited<ReturnType<typeof startLaunchpad>>;
    servers: Record<ServerKind, string | null>;
    python: string | null;
    browser: string | null;
    installed: Map<string, InstalledApp>;
    generator: AppGenerator;
  },
): Promise<StackReport> {
  const started = performance.now();
  const name = stackName(stack);
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  const base = { stack: name, versions: {} as Record<string, string> };
  let projectDir: string;
  try {
    projectDir = await context.launchpad.provision(stack);
  } catch (error) {
    return {
      ...base,
      booted: false,
      reason: "provisioning failed",
      health: "not run",
      cors: "not run",
      failure: { app: "launchpad", step: "provision", output: (error as Error).message },
      seconds: seconds(),
    };
  }
  const impossible = cannotBoot(stack);
  const kind = serverKind(stack.database);
  const appName = stack.backend !== NONE ? stack.backend : stack.frontend;
  const runner = RUNNERS[appName];
  const folder = runner?.folder ?? "backend";
  const missing =
    impossible === null
      ? ((kind && context.servers[kind]) ??
        (runner?.toolchain === "python" ? context.python : null) ??
        context.browser)
      : null;
  if (impossible !== null || missing !== null || !runner) {
    const checks = await staticChecks(projectDir, stack);
    return {
      ...base,
      booted: false,
      reason: impossible ?? `missing prerequisite: ${missing}`,
      health: "not run",
      cors: "not run",
      staticChecks: checks.passed,
      ...(checks.failure
        ? { failure: { app: stack.backend, step: "static checks", output: checks.failure } }
        : {}),
      seconds: seconds(),
    };
  }

  const fail = (step: string, output: string, extra: Partial<StackReport> = {}): StackReport => ({
    ...base,
    booted: false,
    reason: `${step} failed`,
    health: "not run",
    cors: "not run",
    ...extra,
    failure: { app: appName, step, output },
    seconds: seconds(),
  });

  // Launchpad's starter is in the project; an app a generator makes is created here first.
  let sourceDir = path.join(projectDir, folder, "app");
  let generated: { remove(): Promise<void> } | null = null;
  if ((await readdir(sourceDir)).length === 0) {
    const result = await context.generator.create(projectDir, stack, folder);
    if ("step" in result) return fail(result.step, result.output);
    generated = result;
    sourceDir = result.dir;
  }
  try {
    return await bootApp();
  } finally {
    await generated?.remove();
  }

  async function bootApp(): Promise<StackReport> {
    // Install from the app's own manifest, or reuse the install of an identical app. A generated
    // app is already a private copy, installed by its generator: it is built where it is.
    let app = context.installed.get(appName);
    if (generated) {
      const result = await installApp(sourceDir, runner!, [], { inPlace: true });
      if ("step" in result) return fail(result.step, result.output);
      app = result;
    } else if (!app || app.hash !== (await contentHash(sourceDir))) {
      await app?.remove();
      context.installed.delete(appName);
      // A starter's CSS steps (Django's Tailwind build) run once per install, as setup.sh runs them.
      const cssSteps = generated ? [] : (plannedApp(stack, folder)?.cssSteps ?? []);
      const result = await installApp(sourceDir, runner!, cssSteps);
      if ("step" in result) return fail(result.step, result.output);
      app = result;
      context.installed.set(appName, app);
    }
    base.versions = app.versions;

    const dotenv = parseDotenv(await readFile(path.join(projectDir, ".env"), "utf8"));
    const database: StackDatabase | null = kind
      ? {
          kind,
          databaseName: dotenv.DB_DATABASE ?? "",
          databaseUser: dotenv.DB_USERNAME ?? "",
          password: dotenv.DB_PASSWORD ?? "",
        }
      : null;
    const mounts = await bindMounts(projectDir, folder);
    for (const hostDir of mounts.values())
      if (!hostDir.includes(`/${folder}/`)) await mkdir(hostDir, { recursive: true });
    try {
      if (database) await createStackDatabase(database);
    } catch (error) {
      return fail("create database", (error as Error).message);
    }
    try {
      const port = await freePort();
      const env = nativeEnvironment(await containerEnvironment(projectDir, folder), {
        databasePort: kind ? SERVER_PORTS[kind] : null,
        mounts,
        port,
      });
      const process_ = startApp(runner!.start, {
        cwd: app.dir,
        env: { ...baseEnvironment(), PYTHONDONTWRITEBYTECODE: "1", ...env },
      });
      try {
        const baseUrl = `http://127.0.0.1:${port}`;
        const expected = stack.database === NONE ? null : stack.database;
        const health = await waitForHealth(baseUrl, expected, {
          timeoutMs: 60_000,
          hasExited: () => process_.exited(),
          path: runner!.healthPath,
        });
        if (!health.ok)
          return fail("health", `${health.detail}\n${tail(process_.output())}`, {
            booted: true,
            health: health.detail,
          });
        // Only a backend answers other origins; a frontend is its own origin.
        let cors = "not applicable (no backend)";
        if (folder === "backend") {
          const frontendPort = dotenv.FRONTEND_PORT;
          const origins = frontendPort
            ? [`http://127.0.0.1:${frontendPort}`, `http://localhost:${frontendPort}`]
            : [];
          const checked = await checkCors(baseUrl, origins);
          if (!checked.ok)
            return fail("cors", checked.detail, { booted: true, health: "ok", cors: checked.detail });
          cors = checked.detail;
        }
        const booted = { ...base, booted: true, health: "ok", cors };
        // The first page in Chromium: a separate frontend against this backend, or the app's own page.
        if (folder === "backend" && stack.frontend !== NONE) {
          const page = await verifyFrontend(projectDir, stack, {
            generator: context.generator,
            backendUrl: baseUrl,
            expectedDatabase: expected,
          });
          const result = {
            app: stack.frontend,
            health: page.health,
            styled: page.styled,
            buildSeconds: page.buildSeconds,
          };
          if (!page.ok) return fail(page.step ?? "page", page.detail ?? "", { ...booted, page: result });
          return { ...booted, page: result, seconds: seconds() };
        }
        if (runner!.page) {
          const page = await checkPage(`${baseUrl}/`, { css: stack.css, expectedDatabase: expected });
          const result = { app: appName, health: page.health, styled: page.styled };
          if (!page.ok) return fail("page", page.detail ?? "", { ...booted, page: result });
          return { ...booted, page: result, seconds: seconds() };
        }
        return { ...booted, seconds: seconds() };
      } finally {
        await process_.stop();
      }
    } finally {
      if (database) await dropStackDatabase(database);
    }
  }
}
