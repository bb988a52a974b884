import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import type { Stack } from "./stack";
import { generateProjectFiles } from "./render/generate-project-files";

/**
 * Runs a generated setup.sh for real, with a `docker` on PATH that stands in for Docker (no Docker
 * engine runs on Launchpad's build machines): it records every call, emulates `docker run` by writing
 * into the mounted folder, and can fail one run half-way, as a generator that lost its network would.
 */
const STUB_DOCKER = `#!/usr/bin/env bash
set -euo pipefail
echo "$*" >>"$STUB_STATE/calls.log"
case "$1" in
  info | build) exit 0 ;;
  compose) exit 0 ;;
  run)
    shift
    mount=""
    while [ $# -gt 0 ]; do
      case "$1" in
        --volume) mount=\${2%%:*}; shift 2 ;;
        --user | --env | --workdir) shift 2 ;;
        --rm) shift ;;
        *) break ;;
      esac
    done
    image=$1
    shift
    runs=$(( $(cat "$STUB_STATE/runs" 2>/dev/null || echo 0) + 1 ))
    echo "$runs" >"$STUB_STATE/runs"
    if [ "$runs" = "\${STUB_FAIL_ON_RUN:-0}" ]; then
      echo "half" >"$mount/half-written.txt"
      echo "network unreachable" >&2
      exit 1
    fi
    echo "$image $*" >>"$mount/steps.log"
    ;;
esac
`;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function writeProject(stack: Stack): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "launchpad-setup-"));
  const { files, directories } = await generateProjectFiles({
    project: { slug: "setup-check", name: "Setup check", description: "" },
    stack,
    credentials: null,
    secrets: { app: "a".repeat(43), databaseRoot: "r".repeat(43) },
    ports: { app: await freePort(), frontend: await freePort() },
    catalogueVersion: 1,
    generatedAt: new Date(0),
  });
  for (const folder of directories) await mkdir(path.join(dir, folder), { recursive: true });
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file.path)), { recursive: true });
    await writeFile(path.join(dir, file.path), file.content, { mode: file.mode });
  }
  return dir;
}

async function runSetup(dir: string, state: string, failOnRun = 0) {
  const bin = path.join(state, "bin");
  await mkdir(bin, { recursive: true });
  await writeFile(path.join(bin, "docker"), STUB_DOCKER);
  await chmod(path.join(bin, "docker"), 0o755);
  const result = await execa("bash", ["setup.sh"], {
    cwd: dir,
    env: {
      PATH: `${bin}:/usr/bin:/bin`,
      STUB_STATE: state,
      STUB_FAIL_ON_RUN: String(failOnRun),
      HOME: state,
    },
    extendEnv: false,
    reject: false,
    stdin: "ignore",
  });
  return { ok: result.exitCode === 0, stdout: result.stdout, stderr: result.stderr };
}

describe("setup.sh", () => {
  it("finishes on the next run after a generator failed half-way, and creates the app once", async () => {
    const dir = await writeProject({ backend: "none", database: "none", frontend: "react", css: "tailwind" });
    const state = await mkdtemp(path.join(os.tmpdir(), "launchpad-stub-docker-"));

    // 1: the generator fails after writing a file: setup.sh stops, the app folder stays empty.
    const first = await runSetup(dir, state, 1);
    expect(first.ok).toBe(false);
    expect(await readdir(path.join(dir, "frontend/app"))).toEqual([]);

    // 2: everything succeeds: a fresh scratch folder, generator then Tailwind, moved into place.
    const second = await runSetup(dir, state);
    expect(second.stderr).toBe("");
    expect(second.ok).toBe(true);
    const steps = (await readFile(path.join(dir, "frontend/app/steps.log"), "utf8")).trim().split("\n");
    expect(steps).toHaveLength(2);
    expect(steps[0]).toMatch(/^setup-check-frontend-toolchain npx --yes create-vite@\d+\.\d+\.\d+ \. /);
    expect(steps[1]).toMatch(
      /^setup-check-frontend-toolchain npm install --save-exact --no-audit --no-fund tailwindcss@[\d.]+ @tailwindcss\/vite@[\d.]+$/,
    );
    expect(existsSync(path.join(dir, "frontend/app/half-written.txt"))).toBe(false);
    expect(existsSync(path.join(dir, "frontend/app.creating"))).toBe(false);

    // 3: nothing is created again; the containers are started with fresh anonymous volumes.
    const third = await runSetup(dir, state);
    expect(third.ok).toBe(true);
    expect(await readFile(path.join(dir, "frontend/app/steps.log"), "utf8")).toBe(`${steps.join("\n")}\n`);
    const calls = await readFile(path.join(state, "calls.log"), "utf8");
    expect(calls.match(/^compose up --detach --build --wait --renew-anon-volumes$/gm)).toHaveLength(2);
    expect(calls).toMatch(
      /^build --quiet --target toolchain --tag setup-check-frontend-toolchain frontend$/m,
    );
  });

  it("styles Launchpad's own starter once and creates the SQLite file", async () => {
    const dir = await writeProject({
      backend: "django",
      database: "sqlite",
      frontend: "none",
      css: "bootstrap",
    });
    const state = await mkdtemp(path.join(os.tmpdir(), "launchpad-stub-docker-"));
    const failed = await runSetup(dir, state, 1);
    expect(failed.ok).toBe(false);
    expect(existsSync(path.join(dir, "backend/app/.launchpad-styled"))).toBe(false);

    expect((await runSetup(dir, state)).ok).toBe(true);
    expect((await runSetup(dir, state)).ok).toBe(true);
    const steps = (await readFile(path.join(dir, "backend/app/steps.log"), "utf8")).trim().split("\n");
    expect(steps).toEqual([
      expect.stringMatching(/ npm install --save-exact --no-audit --no-fund bootstrap@[\d.]+$/),
      expect.stringMatching(/ sh -c mkdir -p config\/static && cp node_modules\/bootstrap\/dist\/css\//),
    ]);
    expect(existsSync(path.join(dir, "backend/app/.launchpad-styled"))).toBe(true);
    expect(existsSync(path.join(dir, "data/database.sqlite"))).toBe(true);
  });
});
