import "server-only";
import path from "node:path";
import { execa } from "execa";
import { SCRIPTS_DIR } from "../../../provisioning/paths";

/**
 * Runs one script of provisioning/scripts/ the safe way: an argument array and no shell, a fixed
 * working directory, a clean environment (secrets go in `env`, never in arguments), bounded output,
 * and a timeout that kills the script's whole process group, children included.
 */
export type ScriptResult = {
  script: string;
  ok: boolean;
  timedOut: boolean;
  output: string;
  exitCode: number | null;
};

const MAX_OUTPUT_BYTES = 1024 * 1024;

/**
 * The PATH every script gets. Inheriting Launchpad's own PATH let `npm start` put node_modules/.bin
 * (and whatever else the caller's shell had) ahead of the system's programs.
 */
export const SCRIPT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** Git reads these to pick a repository, a config or a program to run: none may reach a script. */
const isGitVariable = (name: string) => name.toUpperCase().startsWith("GIT_");

export async function runProvisioningScript(options: {
  script: string;
  args: string[];
  cwd: string;
  timeoutMs: number;
  env?: Record<string, string>;
}): Promise<ScriptResult> {
  const scriptPath = path.join(SCRIPTS_DIR, options.script);
  if (path.dirname(scriptPath) !== SCRIPTS_DIR)
    throw new Error(`Not a provisioning script: ${options.script}`);

  const child = execa(scriptPath, options.args, {
    cwd: options.cwd,
    env: {
      ...Object.fromEntries(Object.entries(options.env ?? {}).filter(([name]) => !isGitVariable(name))),
      PATH: SCRIPT_PATH,
      LANG: "C.UTF-8",
    },
    extendEnv: false,
    shell: false,
    stdin: "ignore",
    all: true,
    reject: false,
    maxBuffer: MAX_OUTPUT_BYTES,
    stripFinalNewline: false,
    // Its own process group, so the timeout can stop everything the script started.
    detached: true,
  });

  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, options.timeoutMs);
  try {
    const result = await child;
    return {
      script: options.script,
      ok: !timedOut && result.exitCode === 0,
      timedOut,
      output: typeof result.all === "string" ? result.all : "",
      exitCode: result.exitCode ?? null,
    };
  } finally {
    clearTimeout(timer);
    // Children that outlived a finished script (background jobs) are stopped too.
    killGroup(child.pid);
  }
}

function killGroup(pid: number | undefined) {
  if (!pid) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // The group is already gone.
  }
}
