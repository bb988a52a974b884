import { spawn, type ChildProcess } from "node:child_process";

/**
 * Runs the commands of a check: each in its own process group (so a stop reaches the app's children),
 * with the output kept for the report. Passwords never reach the output: the caller passes them in
 * the environment, and apps do not print their environment.
 */
const TAIL_LINES = 20;

export type Environment = Record<string, string | undefined>;

export type Finished = { code: number | null; output: string; timedOut: boolean };

export function tail(output: string, lines = TAIL_LINES): string {
  return output.trimEnd().split("\n").slice(-lines).join("\n");
}

function collect(child: ChildProcess): { text(): string } {
  let output = "";
  const add = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on("data", add);
  child.stderr?.on("data", add);
  return { text: () => output };
}

/** Runs a command to its end (or the timeout) and gives its exit code and output. */
export function runCommand(
  command: string[],
  options: { cwd: string; env: Environment; timeoutMs: number; input?: string },
): Promise<Finished> {
  const [program, ...args] = command;
  return new Promise((resolve) => {
    const child = spawn(program!, args, {
      cwd: options.cwd,
      env: options.env as NodeJS.ProcessEnv,
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const output = collect(child);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, options.timeoutMs);
    // A command that exits before reading its input closes the pipe: that is not an error here.
    child.stdin?.on("error", () => {});
    child.stdin?.end(options.input ?? "");
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: null, output: `${output.text()}\n${error.message}`, timedOut });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.text(), timedOut });
    });
  });
}

export type RunningApp = { output(): string; exited(): boolean; stop(): Promise<void> };

/** Starts a long-running app; stop() ends its whole process group. */
export function startApp(command: string[], options: { cwd: string; env: Environment }): RunningApp {
  const [program, ...args] = command;
  const child = spawn(program!, args, {
    cwd: options.cwd,
    env: options.env as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = collect(child);
  let hasExited = false;
  const closed = new Promise<void>((resolve) => {
    child.on("close", () => {
      hasExited = true;
      resolve();
    });
    child.on("error", () => {
      hasExited = true;
      resolve();
    });
  });
  return {
    output: () => output.text(),
    exited: () => hasExited,
    async stop() {
      if (hasExited) return;
      killGroup(child, "SIGTERM");
      const forced = setTimeout(() => killGroup(child, "SIGKILL"), 5000);
      await closed;
      clearTimeout(forced);
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL") {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}
