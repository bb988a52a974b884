import { performance } from "node:perf_hooks";
import { runCommand, tail, type Finished } from "../processes";
import { docker, dockerEnvironment } from "./engine";

/**
 * One generated project in the engine: its own setup.sh run unchanged (as root, or as a throwaway
 * user), its services' states, and its database's own client inside its container.
 */
export const SETUP_TIMEOUT_MS = Number(process.env.VERIFY_DOCKER_SETUP_TIMEOUT_SECONDS ?? 900) * 1000;

export type RunAs = { user: string; uid: number; gid: number; home: string };

/** Runs a command in the project folder, as `runAs` when given (runuser: a login's groups, its HOME). */
export async function runInProject(
  projectDir: string,
  command: string[],
  options: { runAs?: RunAs; timeoutMs?: number; env?: Record<string, string> } = {},
): Promise<Finished & { seconds: number }> {
  const started = performance.now();
  const env = {
    ...dockerEnvironment(),
    ...(options.runAs ? { HOME: options.runAs.home } : {}),
    ...options.env,
  };
  const full = options.runAs ? ["runuser", "-u", options.runAs.user, "--", ...command] : command;
  const result = await runCommand(full, {
    cwd: projectDir,
    env,
    timeoutMs: options.timeoutMs ?? SETUP_TIMEOUT_MS,
  });
  return { ...result, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

export const runSetup = (projectDir: string, runAs?: RunAs) =>
  runInProject(projectDir, ["./setup.sh"], runAs ? { runAs } : {});

/**
 * Every service must be running, and healthy where it has a health check. Returns the problems,
 * one per service, or an empty list.
 */
export async function serviceProblems(
  projectDir: string,
): Promise<{ problems: string[]; services: string[] }> {
  const result = await docker(["compose", "ps", "--all", "--format", "json"], 60_000, projectDir);
  if (result.code !== 0)
    return { problems: [`docker compose ps failed: ${tail(result.output, 5)}`], services: [] };
  const states = result.output
    .trim()
    .split("\n")
    .filter((line) => line.startsWith("{") || line.startsWith("["))
    .flatMap((line) => JSON.parse(line) as unknown)
    .flat() as { Service: string; State: string; Health: string }[];
  const problems = states
    .filter((s) => s.State !== "running" || (s.Health !== "" && s.Health !== "healthy"))
    .map((s) => `${s.Service} is ${s.State}${s.Health ? ` (${s.Health})` : ""}`);
  if (states.length === 0) problems.push("no service is running");
  return { problems, services: states.map((s) => s.Service).sort() };
}

/** The service's logs' last lines, for a failure's report. */
export async function serviceLogs(projectDir: string): Promise<string> {
  const result = await docker(["compose", "logs", "--no-color", "--tail", "15"], 60_000, projectDir);
  return tail(result.output, 40);
}

type DatabaseAccess = { kind: "postgresql" | "mysql"; user: string; password: string; database: string };

/**
 * Runs SQL with the database's own client inside its container. The password travels in the
 * environment (docker compose exec -e NAME takes the value from ours), never on a command line.
 */
export async function databaseSql(
  projectDir: string,
  access: DatabaseAccess,
  sql: string,
): Promise<Finished> {
  const command =
    access.kind === "postgresql"
      ? ["-e", "PGPASSWORD", "database", "psql", "-h", "127.0.0.1", "-U", access.user, "-d", access.database]
      : ["-e", "MYSQL_PWD", "database", "mysql", "-h", "127.0.0.1", "-u", access.user, access.database];
  const args = [
    "compose",
    "exec",
    "-T",
    ...command,
    ...(access.kind === "postgresql" ? ["-At", "-v", "ON_ERROR_STOP=1", "-c", sql] : ["-N", "-B", "-e", sql]),
  ];
  return runCommand(["docker", ...args], {
    cwd: projectDir,
    env: { ...dockerEnvironment(), PGPASSWORD: access.password, MYSQL_PWD: access.password },
    timeoutMs: 60_000,
  });
}
