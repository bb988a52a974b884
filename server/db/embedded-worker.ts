/**
 * Runs the embedded database in a worker thread of the launcher: PGlite's WebAssembly work then uses
 * its own core instead of the event loop that serves requests, and the database still lives and dies
 * with the launcher's process. Started by startEmbeddedDatabaseInWorker (embedded.ts) through embedded-worker-entry.mjs.
 */
import { parentPort, workerData } from "node:worker_threads";
import { startEmbeddedDatabase, type EmbeddedDatabaseOptions } from "./embedded";

const port = parentPort;
if (!port) throw new Error("embedded-worker.ts runs as a worker thread");

try {
  const database = await startEmbeddedDatabase(workerData as EmbeddedDatabaseOptions);
  port.on("message", (message: unknown) => {
    if (message === "stop") {
      void database.stop().then(() => port.postMessage({ stopped: true }));
    }
  });
  port.postMessage({ url: database.url });
} catch (error) {
  port.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
