import "server-only";
import { execa } from "execa";
import { SCRIPT_PATH } from "../provisioning/run-script";

/** A git command that failed: what git said (never an environment variable, so never the token). */
export class GitError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    readonly missing = false,
    readonly stdout = "",
  ) {
    super(message);
  }
}

export type GitCall = {
  binary?: string;
  /** The folder git works in: the one with `.git` in it, or a bare repository. */
  cwd: string;
  /** The repository, relative to `cwd`: `.git` (the default), or `.` for a bare one. */
  gitDir?: string;
  input?: string;
  /** More environment (GIT_INDEX_FILE, the commit's author, GIT_CONFIG_* for a push's header). */
  env?: Record<string, string>;
  /** More `-c` settings, before the command (a test's CA certificate). */
  config?: Record<string, string>;
  timeoutMs?: number;
};

/**
 * Runs git the one safe way (issue 28): an argument array and no shell; a clean environment in which
 * no system, global or repository setting can run a program (hooks, fsmonitor and pagers off, no
 * credential helper) or ask a question; https the only protocol a fetch or push may use, redirects
 * not followed; and the repository named by GIT_DIR, never searched for, with no work tree. Secrets go in `env` only: never in arguments, URLs or `.git/config`.
 */
export async function runGit(args: string[], call: GitCall): Promise<string> {
  const settings: Record<string, string> = {
    "core.hooksPath": "/dev/null",
    "core.fsmonitor": "false",
    "core.pager": "cat",
    "credential.helper": "",
    "http.followRedirects": "false",
    "protocol.allow": "never",
    "protocol.https.allow": "always",
    ...call.config,
  };
  const configArgs = Object.entries(settings).flatMap(([key, value]) => ["-c", `${key}=${value}`]);
  try {
    const result = await execa(call.binary ?? "git", [...configArgs, ...args], {
      cwd: call.cwd,
      env: {
        PATH: SCRIPT_PATH,
        LANG: "C.UTF-8",
        HOME: "/nonexistent",
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_CONFIG_GLOBAL: "/dev/null",
        GIT_TERMINAL_PROMPT: "0",
        GIT_ASKPASS: "/bin/false",
        GIT_ALLOW_PROTOCOL: "https",
        // The repository is named, never searched for: a folder without .git is not taken as part of
        // a repository above it. Relative to the working directory, so that a caller that pins the
        // folder (an open descriptor, see record-launchpad-commit.ts) keeps git inside it. No work
        // tree: Launchpad's git calls read and write objects, refs and indexes only.
        GIT_DIR: call.gitDir ?? ".git",
        ...call.env,
      },
      extendEnv: false,
      shell: false,
      input: call.input,
      stdin: call.input === undefined ? "ignore" : undefined,
      timeout: call.timeoutMs ?? 60_000,
      stripFinalNewline: true,
    });
    return result.stdout;
  } catch (error) {
    const failure = error as { code?: string; stderr?: string; stdout?: string; timedOut?: boolean };
    if (failure.code === "ENOENT")
      throw new GitError("git is not installed on the Launchpad server", "", true);
    const stderr = (failure.stderr ?? "").trim();
    const said = stderr.split("\n").filter(Boolean).slice(-3).join(" ");
    throw new GitError(
      failure.timedOut ? `git ${args[0]} took too long` : `git ${args[0]} failed: ${said || "no message"}`,
      stderr,
      false,
      failure.stdout ?? "",
    );
  }
}
