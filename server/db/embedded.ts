import "server-only";
import { readFileSync } from "node:fs";
import { mkdir, open, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { serializeProtocolSequences } from "./pglite-protocol-queue";

/**
 * The zero-setup database: PostgreSQL compiled to WebAssembly (PGlite), served over the Postgres wire
 * protocol on a loopback port so the app reaches it through the same `pg` driver and Prisma adapter
 * as a real server. Only one process may own a data folder, so the launcher runs it, never Next.js.
 */
export type EmbeddedDatabase = { url: string; stop(): Promise<void> };

export type EmbeddedDatabaseOptions = {
  /** Folder that keeps the data between restarts; in memory when omitted (tests). */
  dataDir?: string;
  /** 0 picks a free port. */
  port?: number;
  /** PGlite has one backend; each pooled connection counts here. */
  maxConnections?: number;
};

export async function startEmbeddedDatabase(
  options: EmbeddedDatabaseOptions = {},
): Promise<EmbeddedDatabase> {
  const releaseLock = options.dataDir ? await lockDataDir(options.dataDir) : () => Promise.resolve();
  try {
    const db = options.dataDir ? new PGlite(path.join(options.dataDir, "pglite")) : new PGlite();
    await db.waitReady;
    const server = new PGLiteSocketServer({
      db,
      host: "127.0.0.1",
      port: options.port ?? 0,
      maxConnections: options.maxConnections ?? 64,
    });
    serializeProtocolSequences(server);
    await server.start();
    const url = `postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`;
    return {
      url,
      async stop() {
        await server.stop();
        await db.close();
        await releaseLock();
      },
    };
  } catch (error) {
    await releaseLock();
    throw error;
  }
}

/**
 * The same database, run in a worker thread of this process (see embedded-worker.ts): what the
 * launcher uses, so that the database and the web server do not share one event loop.
 */
export async function startEmbeddedDatabaseInWorker(
  options: EmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  const worker = new Worker(new URL("./embedded-worker-entry.mjs", import.meta.url), { workerData: options });
  const first = await new Promise<{ url?: string; error?: string }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  if (!first.url) {
    await worker.terminate();
    throw new Error(first.error ?? "the embedded database did not start");
  }
  return {
    url: first.url,
    async stop() {
      const stopped = new Promise((resolve) => worker.once("message", resolve));
      worker.postMessage("stop");
      await stopped;
      await worker.terminate();
    },
  };
}

/**
 * Takes `<dataDir>/launchpad.pid`, created exclusively. A file left by a process that no longer runs
 * (a crash) is taken over; one held by a live process is an error that names it.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "launchpad.pid");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(await readFile(lockPath, "utf8").catch(() => ""), 10);
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
        throw new Error(
          `The embedded database in ${dataDir} is already open in process ${holder}. ` +
            `Stop that Launchpad first, or set LAUNCHPAD_DATA_DIR to another folder.`,
        );
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${lockPath}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // A killed process that nobody reaped (common in containers without an init) still answers
  // kill(0) as a zombie: on Linux, /proc tells its state.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}
