import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../../..");
const CHECK = path.join(ROOT, "provisioning/scripts/check-shell-script.sh");

/** The shell scripts verify:docker ships: the stand-ins' entrypoints and CI's Docker install. */
const SCRIPTS = [
  "server/verify/docker/stand-ins/postgres/docker-entrypoint.sh",
  "server/verify/docker/stand-ins/mysql/docker-entrypoint.sh",
  ".ci/install-docker.sh",
  ".ci/run",
];

describe("verify:docker's shell scripts", () => {
  it.each(SCRIPTS)("%s parses and passes shellcheck (where installed)", async (script) => {
    const { stdout } = await run("bash", [CHECK, path.join(ROOT, script)]);
    expect(stdout).toContain("bash -n: ok");
    if (process.env.CI) expect(stdout).toContain("shellcheck: ok");
  });
});
