import "server-only";
import { chmod, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { serializeProtocolSequences } from "./pglite-protocol-queue";
import { lockDataFolder } from "./data-folder-lock";

/**
 * The zero-setup database: PostgreSQL compiled to WebAssembly (PGlite), served over the Postgres wire
 * protocol so the app reaches it through the same `pg` driver and Prisma adapter as a real server.
 * Only one process may own a data folder, so the launcher runs it, never Next.js.
 *
 * PGlite has no authentication: whoever can connect is superuser. So it listens on a Unix socket
 * inside the data folder, which is private to Launchpad's OS user (0700, files 0600), and never on
 * TCP, where any local process could connect (docs/decisions/007).
 */
export type EmbeddedDatabase = { url: string; stop(): Promise<void> };

export type EmbeddedDatabaseOptions = {
  /** Folder that keeps the data between restarts; in memory when omitted (tests). */
  dataDir?: string;
  /** PGlite has one backend; each pooled connection counts here. */
  maxConnections?: number;
};

export async function startEmbeddedDatabase(
  options: EmbeddedDatabaseOptions = {},
): Promise<EmbeddedDatabase> {
  const dataDir = options.dataDir;
  // In memory, the socket still needs a private folder: a fresh one, removed at stop.
  const socketDir = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "launchpad-pglite-")));
  const releaseLock = dataDir
    ? await lockDataFolder(dataDir)
    : () => rm(socketDir, { recursive: true, force: true });
  try {
    const socketPath = path.join(socketDir, SOCKET_NAME);
    if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH_BYTES) {
      throw new Error(
        `The embedded database's socket path ${socketPath} is longer than the system allows ` +
          `(${MAX_SOCKET_PATH_BYTES} bytes): set LAUNCHPAD_DATA_DIR to a shorter path.`,
      );
    }
    // We hold the lock: a socket file left here is from a process that died.
    await rm(socketPath, { force: true });
    const db = dataDir ? new PGlite(path.join(dataDir, "pglite")) : new PGlite();
    await db.waitReady;
    if (dataDir) await makePrivate(dataDir);
    const server = new PGLiteSocketServer({
      db,
      path: socketPath,
      maxConnections: options.maxConnections ?? 64,
    });
    serializeProtocolSequences(server);
    await server.start();
    await chmod(socketPath, 0o600);
    // libpq's convention, which `pg` follows: `host` names the folder, the file is .s.PGSQL.<port>.
    const url = `postgresql://postgres:postgres@localhost:${SOCKET_PORT}/postgres?host=${encodeURIComponent(socketDir)}`;
    return {
      url,
      async stop() {
        await server.stop();
        await db.close();
        await rm(socketPath, { force: true });
        await releaseLock();
      },
    };
  } catch (error) {
    await releaseLock();
    throw error;
  }
}

const SOCKET_PORT = 5432;
const SOCKET_NAME = `.s.PGSQL.${SOCKET_PORT}`;
// sun_path is 108 bytes on Linux (104 on macOS), including the final NUL.
const MAX_SOCKET_PATH_BYTES = process.platform === "linux" ? 107 : 103;

/**
 * The data folder and everything in it readable by Launchpad's user only: folders 0700, files 0600.
 * Postgres creates its own files 0600; this also tightens folders made before this rule existed.
 */
export async function makePrivate(dir: string): Promise<void> {
  await chmod(dir, 0o700);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await makePrivate(full);
    // Links are left alone: chmod would follow them out of the folder.
    else if (entry.isFile()) await chmod(full, 0o600);
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
