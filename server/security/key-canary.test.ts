import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "../db/client";
import { startEmbeddedDatabase } from "../db/embedded";
import { prepareDatabase } from "../db/prepare";
import { verifySecretKey, WrongSecretKeyError } from "./key-canary";
import { encryptSecret } from "./secret-box";

const keyA = randomBytes(32);
const keyB = randomBytes(32);

/** A data folder with a migrated embedded database; `fill` runs against it before it is closed. */
async function dataFolderWith(fill: (db: ReturnType<typeof createPrismaClient>) => Promise<void>) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "launchpad-canary-"));
  const database = await startEmbeddedDatabase({ dataDir });
  try {
    await prepareDatabase(database.url);
    const db = createPrismaClient(database.url, 1);
    try {
      await fill(db);
    } finally {
      await db.$disconnect();
    }
  } finally {
    await database.stop();
  }
  return dataDir;
}

async function inspect<T>(dataDir: string, read: (db: ReturnType<typeof createPrismaClient>) => Promise<T>) {
  const database = await startEmbeddedDatabase({ dataDir });
  const db = createPrismaClient(database.url, 1);
  try {
    return await read(db);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

/** Runs the real launcher on `dataDir` and returns its exit code and output. */
function runLauncher(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "server/cli/start.ts"], {
      env: { ...process.env, PORT: "3319", HOST: "127.0.0.1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("the secret key canary", () => {
  const readA = () => keyA;
  const readB = () => keyB;
  const noCreate = () => {
    throw new Error("must not create a key");
  };

  it("is written with the first key, then proves it and refuses any other", async () => {
    const dataDir = await dataFolderWith(async (db) => {
      expect(await verifySecretKey({ db, readKey: () => null, createKey: readA })).toBe("created");
      expect(await verifySecretKey({ db, readKey: readA, createKey: noCreate })).toBe("verified");
      await expect(verifySecretKey({ db, readKey: readB, createKey: noCreate })).rejects.toThrow(
        WrongSecretKeyError,
      );
      await expect(verifySecretKey({ db, readKey: () => null, createKey: readB })).rejects.toThrow(
        /missing now/,
      );
    });
    await rm(dataDir, { recursive: true, force: true });
  });

  it("on data from before the canary, checks a stored password before writing one", async () => {
    const dataDir = await dataFolderWith(async (db) => {
      const project = await db.project.create({ data: { name: "Old data", slug: `old-${Date.now()}` } });
      await db.projectCredentials.create({
        data: {
          projectId: project.id,
          databaseName: "app",
          databaseUser: "app",
          passwordEncrypted: encryptSecret("s3cret", keyA),
        },
      });
      await expect(verifySecretKey({ db, readKey: readB, createKey: noCreate })).rejects.toThrow(
        WrongSecretKeyError,
      );
      expect(await db.secretKeyCanary.count()).toBe(0);
      expect(await verifySecretKey({ db, readKey: readA, createKey: noCreate })).toBe("created");
    });
    await rm(dataDir, { recursive: true, force: true });
  });

  it("stops the launcher with a clear message before it writes anything", async () => {
    const dataDir = await dataFolderWith(async (db) => {
      await verifySecretKey({ db, readKey: readA, createKey: noCreate });
      const project = await db.project.create({ data: { name: "Interrupted", slug: `int-${Date.now()}` } });
      // A run a crash left "running": a launcher that went on would mark it failed.
      await db.provisioningRun.create({
        data: { projectId: project.id, attempt: 1, status: "running", stack: {} },
      });
    });
    const projectsDir = await mkdtemp(path.join(os.tmpdir(), "launchpad-canary-projects-"));
    const result = await runLauncher({
      LAUNCHPAD_DATA_DIR: dataDir,
      PROJECTS_DIR: projectsDir,
      LAUNCHPAD_SECRET_KEY: keyB.toString("base64"),
    });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/Launchpad stopped: The secret key does not match/);
    expect(existsSync(path.join(dataDir, "secret.key"))).toBe(false);
    const runs = await inspect(dataDir, (db) => db.provisioningRun.findMany({ select: { status: true } }));
    expect(runs).toEqual([{ status: "running" }]);
    await rm(dataDir, { recursive: true, force: true });
    await rm(projectsDir, { recursive: true, force: true });
  });
});
