import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

/**
 * `npm ci --omit=dev` must give a Launchpad that starts: a scratch copy of the sources, the build
 * output and the generated Prisma client (what the Docker image's runtime stage holds), installed
 * without dev dependencies, serves a page. npm's cache is shared, so the install is mostly offline.
 */
const port = Number(process.env.E2E_PORT ?? 3210) + 6;

test("a copy installed with npm ci --omit=dev starts and serves a page", async () => {
  test.setTimeout(300_000);
  const dir = await mkdtemp(path.join(os.tmpdir(), "launchpad-omit-dev-"));
  try {
    const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
      encoding: "utf8",
    })
      .split("\n")
      .filter((file) => file && existsSync(file) && !file.startsWith("e2e/") && !file.startsWith("docs/"));
    for (const file of files) {
      await mkdir(path.join(dir, path.dirname(file)), { recursive: true });
      await cp(file, path.join(dir, file));
    }
    await cp(".next", path.join(dir, ".next"), {
      recursive: true,
      filter: (source) => !source.includes(`${path.sep}cache`),
    });
    await cp("server/db/generated", path.join(dir, "server/db/generated"), { recursive: true });

    execFileSync("npm", ["ci", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline"], {
      cwd: dir,
      stdio: "ignore",
      env: { ...process.env, NODE_ENV: "production" },
    });
    // Dev dependencies really are absent (some, like typescript, the Prisma CLI or vitest, are also
    // peers of runtime packages and stay: these are not).
    for (const devOnly of ["prettier", "eslint", "autocannon", "fast-check"]) {
      expect(existsSync(path.join(dir, "node_modules", devOnly)), devOnly).toBe(false);
    }

    // As the Docker image runs it (Dockerfile's CMD).
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "server/cli/start.ts"],
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          HOME: process.env.HOME ?? dir,
          NODE_ENV: "production",
          PORT: String(port),
          HOST: "127.0.0.1",
        },
        stdio: "ignore",
        detached: true,
      },
    );
    try {
      let status = 0;
      let body = "";
      for (let waited = 0; waited < 120_000 && status !== 200; waited += 500) {
        if (child.exitCode !== null) throw new Error(`the launcher exited with code ${child.exitCode}`);
        const response = await fetch(`http://127.0.0.1:${port}/projects/new`).catch(() => null);
        status = response?.status ?? 0;
        body = (await response?.text()) ?? "";
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
      }
      // No account yet and no admin variables: the first visit leads to /setup.
      expect(status).toBe(200);
      expect(body).toContain("Set up Launchpad");
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
