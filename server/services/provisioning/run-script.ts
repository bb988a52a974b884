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
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: "C.UTF-8", ...options.env },
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
