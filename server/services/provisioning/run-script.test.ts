import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runProvisioningScript, SCRIPT_PATH } from "./run-script";

async function workdir() {
  return mkdtemp(path.join(os.tmpdir(), "launchpad-script-"));
}

/** Processes whose command line mentions `marker`, other than this test's own `pgrep`. */
function processesMentioning(marker: string): string[] {
  try {
    return execFileSync("pgrep", ["-f", marker], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** The processes still mentioning the marker once SIGKILL has had up to 5 s to take effect. */
async function processesLeft(marker: string): Promise<string[]> {
  for (let waited = 0; waited < 5_000; waited += 100) {
    if (processesMentioning(marker).length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return processesMentioning(marker);
}

describe("runProvisioningScript", () => {
  it("passes a clean script and reports what it checked", async () => {
    const dir = await workdir();
    await writeFile(path.join(dir, "ok.sh"), '#!/usr/bin/env bash\nset -euo pipefail\necho "hello"\n');
    const result = await runProvisioningScript({
      script: "check-shell-script.sh",
      args: ["ok.sh"],
      cwd: dir,
      timeoutMs: 30_000,
    });
    expect(result).toMatchObject({ ok: true, timedOut: false, exitCode: 0 });
    expect(result.output).toMatch(/bash -n: ok/);
  });

  it("reports a failing script with its exit code and output", async () => {
    const dir = await workdir();
    await writeFile(path.join(dir, "broken.sh"), "#!/usr/bin/env bash\nif then fi\n");
    const result = await runProvisioningScript({
      script: "check-shell-script.sh",
      args: ["broken.sh"],
      cwd: dir,
      timeoutMs: 30_000,
    });
    expect(result.ok).toBe(false);
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toMatch(/syntax error/);
  });

  it("stops a hanging script together with its children at the timeout", async () => {
    const dir = await workdir();
    await writeFile(path.join(dir, "ok.sh"), "#!/usr/bin/env bash\ntrue\n");
    // A shellcheck that never answers, and leaves a child of its own: what a wedged tool looks like.
    const marker = `launchpad-hang-${path.basename(dir)}`;
    const hangingTool = path.join(dir, "hanging-shellcheck");
    const hang = `sh -c 'sleep 300; true' ${marker}`;
    await writeFile(hangingTool, `#!/bin/sh\n${hang} &\n${hang}\n`, { mode: 0o755 });
    const result = await runProvisioningScript({
      script: "check-shell-script.sh",
      args: ["ok.sh"],
      cwd: dir,
      timeoutMs: 500,
      env: { SHELLCHECK: hangingTool },
    });
    // Had the kill missed, awaiting the script would outlast the test's own timeout.
    expect(result).toMatchObject({ ok: false, timedOut: true });
    expect(await processesLeft(marker)).toEqual([]);
  });

  it("refuses a script outside provisioning/scripts", async () => {
    await expect(
      runProvisioningScript({ script: "../templates/setup.sh", args: [], cwd: os.tmpdir(), timeoutMs: 1000 }),
    ).rejects.toThrow(/Not a provisioning script/);
  });
});

describe("a provisioning script's environment", () => {
  it("has a fixed minimal PATH and no GIT_* variables, whatever Launchpad's own environment holds", async () => {
    const dir = await workdir();
    await writeFile(path.join(dir, "ok.sh"), "#!/usr/bin/env bash\ntrue\n");
    // The check script runs $SHELLCHECK: this one records the environment it was given.
    const recorder = path.join(dir, "record-env");
    await writeFile(recorder, `#!/bin/sh\nenv > "${dir}/seen-env"\n`, { mode: 0o755 });
    const saved = { PATH: process.env.PATH, GIT_DIR: process.env.GIT_DIR };
    process.env.PATH = `${path.resolve("node_modules/.bin")}:${process.env.PATH ?? ""}`;
    process.env.GIT_DIR = "/tmp/attacker-repo";
    try {
      const result = await runProvisioningScript({
        script: "check-shell-script.sh",
        args: ["ok.sh"],
        cwd: dir,
        timeoutMs: 30_000,
        env: { SHELLCHECK: recorder, GIT_CONFIG_GLOBAL: "/tmp/attacker-gitconfig", git_exec_path: "/tmp/x" },
      });
      expect(result.ok).toBe(true);
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.GIT_DIR === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved.GIT_DIR;
    }
    const seen = Object.fromEntries(
      (await readFile(path.join(dir, "seen-env"), "utf8"))
        .trim()
        .split("\n")
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    expect(seen.PATH).toBe(SCRIPT_PATH);
    expect(Object.keys(seen).filter((name) => name.toUpperCase().startsWith("GIT_"))).toEqual([]);
    expect(seen.SHELLCHECK).toBe(recorder);
  });
});
