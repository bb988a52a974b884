/**
 * `npm start`: the launcher, one process that owns everything stateful. Without DATABASE_URL it
 * starts the embedded PostgreSQL on a Unix socket in the data folder (one process per data folder:
 * docs/decisions/001 and 007), migrates and seeds, checks that the secret key is the one the data
 * was written with, fails the runs whose instance stopped renewing their lease, builds the app if
 * there is no build yet, then serves Next.js in this same process, so nothing outlives it if it is
 * killed. Every request passes the request guard before Next.js sees it (docs/decisions/006).
 * Several instances may share one PostgreSQL (issue 25, docs/decisions/025): each sweeps for expired
 * leases every lease length. SIGTERM or SIGINT stops gracefully: no new requests, runs in flight
 * get LAUNCHPAD_STOP_TIMEOUT_MS to finish, the rest are failed with that reason, then it exits.
 * `--dev` serves `next dev` instead of the production build.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import next from "next";
import { createPrismaClient } from "../db/client";
import { startEmbeddedDatabaseInWorker, type EmbeddedDatabase } from "../db/embedded";
import { prepareDatabase } from "../db/prepare";
import { env, handOffDatabaseUrl, nextBuildEnvironment } from "../env";
import { verifySecretKey, WrongSecretKeyError } from "../security/key-canary";
import { createRequestGuard, guardRequest, limitBody } from "../security/request-guard";
import { configurePasswordHashing } from "../security/password-hashing";
import { loadSecretKey, readExistingSecretKey } from "../security/secret-box";
import { prepareFirstAccount } from "../services/accounts/first-start";
import { recoverInterruptedRuns } from "../services/provisioning/recover-interrupted-runs";
import { purgeExpiredProjects } from "../services/lifecycle/purge-expired-projects";
import { failOwnActiveRuns } from "../services/provisioning/provisioning-runs";
import { stopTimeoutFailure } from "../services/provisioning/run-failure";
import { portBindCheckFor } from "../services/provisioning/port-bind-check";
import { instanceId } from "../services/instances/instance-id";
import { waitForRunsInFlight } from "../services/instances/runs-in-flight";
import type { PrismaClient } from "../db/client";

const isDev = process.argv.includes("--dev");
const config = env();
const host = config.HOST;

let embedded: EmbeddedDatabase | undefined;
let server: http.Server | undefined;
/** Kept for the sweep and the graceful stop (one connection). */
let prisma: PrismaClient | undefined;
let sweep: NodeJS.Timeout | undefined;
let purgeTimer: NodeJS.Timeout | undefined;
let stopping = false;

/**
 * One request of the launcher's own to the API, answered "sign in first": Next.js loads a route's
 * code on its first request, and this way that is not a user's. Errors are of no interest.
 */
function warmApi(bindHost: string, port: number): Promise<void> {
  const target = bindHost === "0.0.0.0" || bindHost === "::" ? "127.0.0.1" : bindHost;
  return new Promise((resolve) => {
    const request = http.get(
      { host: target, port, path: "/api/trpc/catalogue.get", headers: { host: `127.0.0.1:${port}` } },
      (response) => {
        response.resume();
        response.on("end", resolve);
      },
    );
    request.on("error", () => resolve());
  });
}

/** How long a run may take before any instance takes it as interrupted, whatever its lease. */
const staleAfterMs = config.PROVISION_TIMEOUT_MS + 60_000;

async function shutdown(code: number) {
  stopping = true;
  clearInterval(sweep);
  clearInterval(purgeTimer);
  // No new connections (the port closes); a request on a connection still open gets 503.
  const closed = new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server?.closeIdleConnections();
  const waitMs = config.LAUNCHPAD_STOP_TIMEOUT_MS;
  const unfinished = await waitForRunsInFlight(waitMs);
  if (unfinished.length > 0 && prisma) {
    const failed = await failOwnActiveRuns(prisma, unfinished, stopTimeoutFailure(waitMs / 1000)).catch(
      () => 0,
    );
    console.log(`Stopping: failed ${failed} run(s) still in flight after ${waitMs / 1000} s.`);
  }
  // Requests that waited on those runs write their answers; connections still open after that are cut.
  const idle = setInterval(() => server?.closeIdleConnections(), 100);
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000))]);
  clearInterval(idle);
  server?.closeAllConnections();
  await closed;
  await prisma?.$disconnect().catch(() => undefined);
  await embedded?.stop().catch(() => undefined);
  process.exit(code);
}

/** Fails runs whose instance stopped renewing their lease, and removes their staging folders. */
async function sweepExpiredRuns(db: PrismaClient) {
  const recovered = await recoverInterruptedRuns({ db, projectsDir: config.projectsDir, staleAfterMs });
  if (recovered.runs > 0)
    console.log(`Failed ${recovered.runs} provisioning run(s) whose instance stopped before they finished.`);
}

/** Purges the archived projects whose retention ended, when this instance is the one to do it today. */
async function purgeExpiredArchives(db: PrismaClient) {
  try {
    const run = await purgeExpiredProjects({ db, config: { projectsDir: config.projectsDir } });
    if (!run.ran) return;
    if (run.purged.length > 0)
      console.log(
        `Purged ${run.purged.length} archived project(s) whose retention ended: ${run.purged.join(", ")}.`,
      );
    for (const failed of run.failed) console.error(`Could not purge ${failed.slug}: ${failed.reason}`);
  } catch (error) {
    console.error(
      "The daily purge of archived projects failed:",
      error instanceof Error ? error.message : error,
    );
  }
}

try {
  const started = Date.now();
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedDatabaseInWorker({ dataDir: config.dataDir });
    databaseUrl = embedded.url;
    console.log(`Embedded PostgreSQL ready in ${Date.now() - started} ms (data in ${config.dataDir}).`);
  }
  const { applied } = await prepareDatabase(databaseUrl);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);

  prisma = createPrismaClient(databaseUrl, 1);
  try {
    // Before anything else is written: a wrong key must not write new secrets under itself.
    await verifySecretKey({ db: prisma, readKey: readExistingSecretKey, createKey: loadSecretKey });
  } catch (error) {
    await prisma.$disconnect();
    prisma = undefined;
    throw error;
  }
  await sweepExpiredRuns(prisma);
  const firstStart = await prepareFirstAccount({
    db: prisma,
    admin:
      config.LAUNCHPAD_ADMIN_EMAIL && config.LAUNCHPAD_ADMIN_PASSWORD
        ? { email: config.LAUNCHPAD_ADMIN_EMAIL, password: config.LAUNCHPAD_ADMIN_PASSWORD }
        : undefined,
  });
  if (firstStart.kind === "admin-created") console.log(`Created the first admin, ${firstStart.email}.`);
  if (firstStart.kind === "setup-token") {
    // The one secret that is logged on purpose: whoever reads this log runs the server.
    console.log(
      `No account yet. Open ${config.publicOrigin}/setup and enter this one-time setup token: ${firstStart.token}`,
    );
  }
  if (!portBindCheckFor(config.PROVISION_PORT_BIND_CHECK))
    console.log(
      "New host ports are not bind-tested on this host (a container, or PROVISION_PORT_BIND_CHECK=off): setup.sh checks them before it starts a stack.",
    );

  if (!isDev && !existsSync(path.join(".next", "BUILD_ID"))) {
    console.log("No production build yet: building once (npm run build rebuilds after changes).");
    const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
    const build = spawnSync(process.execPath, [nextBin, "build"], {
      stdio: "inherit",
      env: nextBuildEnvironment(),
    });
    if (build.status !== 0) throw new Error(`next build failed with exit code ${build.status}`);
  }

  // The app's server code (bundled by Next.js, in this process) finds the database here.
  handOffDatabaseUrl(databaseUrl);
  // The password hashing pools are per process; the app's bundled code finds them on globalThis.
  configurePasswordHashing(config.LAUNCHPAD_PASSWORD_HASH_SLOTS);
  const app = next({ dev: isDev, dir: process.cwd(), hostname: host, port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const guard = createRequestGuard(config, isDev);
  server = http.createServer((req, res) => {
    if (stopping) {
      res.writeHead(503, { connection: "close", "retry-after": "5", "content-type": "text/plain" });
      res.end("Launchpad is stopping.");
      return;
    }
    if (!guardRequest(req, res, guard)) return;
    limitBody(req, res);
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server!.once("error", reject);
    server!.listen(config.PORT, host, resolve);
  });
  console.log(`Launchpad is ready on ${config.publicOrigin} (instance ${instanceId()}).`);
  const sweeper = prisma;
  sweep = setInterval(() => void sweepExpiredRuns(sweeper).catch(() => undefined), config.PROVISION_LEASE_MS);
  sweep.unref();
  // The daily purge of archives whose retention ended: checked hourly, run by one instance a day.
  void purgeExpiredArchives(sweeper);
  purgeTimer = setInterval(() => void purgeExpiredArchives(sweeper), 60 * 60 * 1000);
  purgeTimer.unref();
  // Loads the API's code (and with it warms the provisioning engine) before the first user asks.
  void warmApi(host, config.PORT);
  // A signal can arrive twice at once (a terminal's Ctrl+C reaches npm and this process): one stop
  // is enough. A signal two seconds or more into the stop means "now": exit without waiting.
  let stopAsked = 0;
  const stop = () => {
    if (!stopping) {
      stopAsked = Date.now();
      void shutdown(0);
    } else if (Date.now() - stopAsked >= 2000) {
      console.log(
        "Stopping at once: runs still in flight are failed by another instance once their lease runs out.",
      );
      process.exit(1);
    }
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  if (error instanceof WrongSecretKeyError) console.error(`Launchpad stopped: ${error.message}`);
  else console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
}
