import { chmod, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parse as parseDotenv } from "dotenv";
import { NONE, type Catalogue, type Stack } from "../../../provisioning/stack";
import { browserProblem, checkPage, closeBrowser, NO_BACKEND } from "../browser";
import { checkCors, waitForHealth } from "../checks";
import { tail } from "../processes";
import { runPrefix, startLaunchpad, type Launchpad } from "../provision";
import { printStack, summarize, type StackReport } from "../report";
import { stackName } from "../stacks";
import { checkAdminerLogin } from "./adminer-login";
import { allDockerStacks, cannotRunInDocker, ciDockerStacks, pairsDockerStacks } from "./coverage";
import { readStackRecords } from "../../../provisioning/verification/verified-stacks";
import { stackKnowledge } from "../../../provisioning/verification/stack-knowledge";
import {
  dockerDiskUse,
  dockerRootDir,
  engineProblem,
  freeGigabytes,
  MIN_FREE_GB,
  pruneBuildCache,
  removeLeftoverProjects,
  removeProject,
  volumeNames,
} from "./engine";
import { recordDockerRun } from "./record";
import { checkStandInContracts } from "./stand-in-contract";
import { fullChecks, withThrowawayUser } from "./full-checks";
import { runSetup, serviceLogs, serviceProblems, type RunAs } from "./project";
import { describeStandIns, prepareStandIns, standInsFor, type StandIn, type StandInName } from "./stand-ins";

/**
 * `npm run verify:docker`: provisions each stack through the real engine, runs the project's own
 * ./setup.sh unchanged with the Docker engine, then checks from this machine what a user would see:
 * every service healthy, /health naming the database, CORS, Adminer's login, the first page in
 * Chromium. One stack of the set also gets the full checks (full-checks.ts). Images come from
 * stand-ins built here (stand-ins.ts), and every line says so.
 */
export type DockerOptions = {
  /** CI's smoke set, the pairs set (every part runs whole once) or every stack. */
  which: "ci" | "pairs" | "all";
  /**
   * Skip stacks that already have a current record of a run with Docker (resumable batches: run
   * `--all` again after a stop and it goes on where it stopped).
   */
  resume?: boolean;
  strict: boolean;
  only?: string[];
  /** Write each stack's outcome into provisioning/verified-stacks.json as soon as it is known. */
  record?: boolean;
  log?: (line: string) => void;
};

export async function verifyInDocker(
  options: DockerOptions,
): Promise<{ ok: boolean; reports: StackReport[] }> {
  const log = options.log ?? ((line: string) => console.error(`verify:docker: ${line}`));
  const started = performance.now();
  const problem = (await engineProblem()) ?? browserProblem();
  if (problem !== null) {
    const line = { summary: true, skipped: true, reason: problem };
    console.log(JSON.stringify(line));
    if (options.strict) console.error("CI: a missing prerequisite is a failure, not a skip.");
    else log(`skipped: ${problem}`);
    return { ok: !options.strict, reports: [] };
  }
  await removeLeftoverProjects("lpv-");
  const launchpad = await startLaunchpad(runPrefix());
  const catalogue = launchpad.catalogue;
  // The throwaway user of the full checks must reach the project folders.
  await chmod(launchpad.projectsDir, 0o755);
  const reports: StackReport[] = [];
  let standInSeconds = 0;
  let peakDiskGb = 0;
  let stoppedForDisk: string | null = null;
  let contractProblem: string | null = null;
  try {
    const sets = {
      ci: () => ciDockerStacks(),
      pairs: () => pairsDockerStacks(launchpad.catalogue),
      all: () => allDockerStacks(launchpad.catalogue),
    };
    const chosen = sets[options.which]().filter(
      (stack) => !options.only || options.only.includes(stackName(stack)),
    );
    const stacks = options.resume ? await notYetRunInDocker(chosen, log) : chosen;
    const runnable = stacks.filter((stack) => cannotRunInDocker(stack) === null);
    const needed = [...new Set(runnable.flatMap((stack) => standInsFor(stack)))] as StandInName[];
    const prepared = await prepareStandIns(needed, log);
    standInSeconds = prepared.seconds;
    log(
      `images ready in ${prepared.seconds} s${prepared.built.length ? ` (built ${prepared.built.join(", ")})` : " (all already built)"}: ${describeStandIns(prepared.standIns)}`,
    );
    const contracts = await checkStandInContracts(
      prepared.standIns.filter((s) => s.standIn).map((s) => s.image as StandInName),
    );
    for (const line of contracts.lines) log(`stand-in contract: ${line}`);
    if (!contracts.ok) {
      contractProblem = `a stand-in broke the official image's contract: ${contracts.lines.at(-1)}`;
      log(`stopped: ${contractProblem}`);
    }
    const rootDir = await dockerRootDir();
    const fullStack = runnable[0] ? stackName(runnable[0]) : null;
    for (const stack of contractProblem ? [] : stacks) {
      const reason = cannotRunInDocker(stack);
      if (reason !== null) {
        const report = notRun(stack, reason);
        printStack(report);
        reports.push(report);
        continue;
      }
      const free = await freeGigabytes(rootDir);
      if (free < MIN_FREE_GB) {
        stoppedForDisk = `only ${free} GB free on ${rootDir}; verify:docker needs ${MIN_FREE_GB} GB (VERIFY_DOCKER_MIN_FREE_GB): free some space, e.g. docker system prune`;
        log(`stopped: ${stoppedForDisk}`);
        break;
      }
      const images = prepared.standIns.filter((s) => standInsFor(stack).includes(s.image as StandInName));
      const report = await verifyOne(stack, {
        launchpad,
        images,
        full: stackName(stack) === fullStack,
        onDisk: (gb) => (peakDiskGb = Math.max(peakDiskGb, gb)),
        log,
      });
      printStack(report);
      reports.push(report);
      if (options.record) await recordDockerRun(stack, report, images);
    }
  } finally {
    await closeBrowser();
    await launchpad.stop();
    await rm(launchpad.projectsDir, { recursive: true, force: true });
  }
  const summary = {
    ...summarize(reports, (performance.now() - started) / 1000),
    coverage: coverageSummary(catalogue),
    standInSeconds,
    peakDockerDiskGb: peakDiskGb,
    ...(stoppedForDisk || contractProblem ? { stopped: stoppedForDisk ?? contractProblem } : {}),
  };
  console.log(JSON.stringify(summary));
  return { ok: summary.failed === 0 && stoppedForDisk === null && contractProblem === null, reports };
}

/** The stacks without a current record of a run with Docker: what a resumed batch still has to do. */
async function notYetRunInDocker(stacks: Stack[], log: (line: string) => void): Promise<Stack[]> {
  const records = await readStackRecords();
  const left: Stack[] = [];
  for (const stack of stacks) {
    if ((await stackKnowledge(stack, records)).state !== "docker") left.push(stack);
  }
  log(
    `resuming: ${stacks.length - left.length} of ${stacks.length} stacks already ran with Docker with the current files`,
  );
  return left;
}

/** Of every valid stack: how many can run here, and why the others cannot. */
function coverageSummary(catalogue: Catalogue) {
  const cannotRun: Record<string, number> = {};
  let runnable = 0;
  for (const stack of allDockerStacks(catalogue)) {
    const reason = cannotRunInDocker(stack);
    if (reason === null) runnable++;
    else cannotRun[reason] = (cannotRun[reason] ?? 0) + 1;
  }
  return { validStacks: allDockerStacks(catalogue).length, canRunHere: runnable, cannotRunHere: cannotRun };
}

function notRun(stack: Stack, reason: string): StackReport {
  return {
    stack: stackName(stack),
    booted: false,
    reason,
    health: "not run",
    cors: "not run",
    versions: {},
    seconds: 0,
  };
}

async function verifyOne(
  stack: Stack,
  context: {
    launchpad: Launchpad;
    images: StandIn[];
    full: boolean;
    onDisk(gb: number): void;
    log(line: string): void;
  },
): Promise<StackReport> {
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  const runsOn = describeStandIns(context.images);
  const versions = Object.fromEntries(context.images.map((image) => [image.tag, image.runs]));
  const base = { stack: stackName(stack), versions, runsOn };
  const fail = (step: string, output: string, extra: Partial<StackReport> = {}): StackReport => ({
    booted: false,
    reason: `${step} failed`,
    health: "not run",
    cors: "not run",
    ...base,
    ...extra,
    failure: { app: "docker", step, output },
    seconds: seconds(),
  });

  const volumesBefore = await volumeNames();
  let projectDir: string;
  try {
    projectDir = await context.launchpad.provision(stack);
  } catch (error) {
    return fail("provision", (error as Error).message);
  }
  const dotenv = parseDotenv(await readFile(path.join(projectDir, ".env"), "utf8"));
  const projectName = dotenv.COMPOSE_PROJECT_NAME ?? path.basename(projectDir);
  context.log(
    `${base.stack}: ./setup.sh${context.full ? " (as a throwaway user, with the full checks)" : ""}`,
  );
  try {
    const check = (runAs?: RunAs) =>
      checkProject(stack, projectDir, dotenv, { ...context, base, fail, seconds, runAs });
    if (!context.full) return await check();
    if (process.getuid?.() !== 0) {
      // The full checks create a throwaway user; CI runs as root, so it never skips them.
      const report = await check();
      return {
        ...report,
        full: { notRun: "the full checks create a throwaway user: run verify:docker as root" },
      };
    }
    return await withThrowawayUser(projectDir, async (runAs) => {
      const report = await check(runAs);
      if (report.failure) return report;
      const full = await fullChecks(projectDir, stack, dotenv, runAs);
      context.onDisk(await dockerDiskUse());
      if (!full.ok) return fail(full.step, full.detail, { ...report, full: full.results });
      return { ...report, full: full.results, seconds: seconds() };
    });
  } catch (error) {
    return fail("harness", (error as Error).stack ?? String(error));
  } finally {
    context.onDisk(await dockerDiskUse());
    await removeProject(projectDir, projectName, volumesBefore);
    await pruneBuildCache();
  }
}

async function checkProject(
  stack: Stack,
  projectDir: string,
  dotenv: Record<string, string>,
  context: {
    base: Pick<StackReport, "stack" | "versions" | "runsOn">;
    fail: (step: string, output: string, extra?: Partial<StackReport>) => StackReport;
    seconds: () => number;
    onDisk: (gb: number) => void;
    runAs?: RunAs;
  },
): Promise<StackReport> {
  const { fail } = context;
  const setup = await runSetup(projectDir, context.runAs);
  if (setup.code !== 0)
    return fail(
      "setup.sh",
      `${setup.timedOut ? "timed out\n" : ""}${tail(setup.output, 30)}\n${await serviceLogs(projectDir)}`,
      { setupSeconds: setup.seconds },
    );
  const booted = { ...context.base, booted: true, setupSeconds: setup.seconds };
  const states = await serviceProblems(projectDir);
  if (states.problems.length > 0)
    return fail("services", `${states.problems.join("; ")}\n${await serviceLogs(projectDir)}`, booted);
  const services = `ok (${states.services.join(", ")} up${states.services.length ? ", healthy where checked" : ""})`;

  const expected = stack.database === NONE ? null : stack.database;
  let health = "not applicable (no backend)";
  let cors = "not applicable (no backend)";
  if (stack.backend !== NONE || stack.frontend === "nextjs") {
    const port = stack.backend !== NONE ? dotenv.APP_PORT : dotenv.FRONTEND_PORT;
    const baseUrl = `http://127.0.0.1:${port}`;
    const result = await waitForHealth(baseUrl, expected, {
      timeoutMs: 60_000,
      hasExited: () => false,
      path: stack.backend !== NONE ? "/health" : "/api/health",
    });
    if (!result.ok)
      return fail("health", `${result.detail}\n${await serviceLogs(projectDir)}`, {
        ...booted,
        services,
        health: result.detail,
      });
    health = "ok";
    if (stack.backend !== NONE) {
      const origins = dotenv.FRONTEND_PORT
        ? [`http://127.0.0.1:${dotenv.FRONTEND_PORT}`, `http://localhost:${dotenv.FRONTEND_PORT}`]
        : [];
      const checked = await checkCors(baseUrl, origins);
      if (!checked.ok)
        return fail("cors", checked.detail, { ...booted, services, health, cors: checked.detail });
      cors = checked.detail;
    }
  }
  const soFar = { ...booted, services, health, cors };

  let admin: string | undefined;
  if (dotenv.ADMIN_PORT && (stack.database === "postgresql" || stack.database === "mysql")) {
    const standIn = context.base.runsOn?.includes("Adminer") ? " on the stand-in" : "";
    const login = await checkAdminerLogin(`http://127.0.0.1:${dotenv.ADMIN_PORT}`, {
      driver: stack.database === "postgresql" ? "pgsql" : "server",
      user: dotenv.DB_USERNAME ?? "",
      password: dotenv.DB_PASSWORD ?? "",
      database: dotenv.DB_DATABASE ?? "",
    });
    if (!login.ok) return fail("admin login", login.detail, { ...soFar, admin: login.detail });
    admin = `${login.detail}${standIn}`;
  }

  if (stack.frontend !== NONE) {
    const page = await checkPage(`http://127.0.0.1:${dotenv.FRONTEND_PORT}/`, {
      css: stack.css,
      expectedDatabase: stack.backend === NONE && stack.frontend !== "nextjs" ? NO_BACKEND : expected,
    });
    const result = { app: stack.frontend, health: page.health, styled: page.styled };
    if (!page.ok)
      return fail("page", `${page.detail ?? ""}\n${await serviceLogs(projectDir)}`, {
        ...soFar,
        ...(admin ? { admin } : {}),
        page: result,
      });
    return { ...soFar, ...(admin ? { admin } : {}), page: result, seconds: context.seconds() };
  }
  return { ...soFar, ...(admin ? { admin } : {}), seconds: context.seconds() };
}
