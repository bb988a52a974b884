/**
 * `npm start`: the launcher. It owns the database side so that Next.js never has to:
 * without DATABASE_URL it starts the embedded PostgreSQL on a loopback port (one process per data
 * folder), then migrates and seeds, builds the app if there is no build yet, and runs Next.js with
 * DATABASE_URL pointing at the database. `--dev` runs `next dev` instead of a production server.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "../db/embedded";
import { prepareDatabase } from "../db/prepare";
import { env } from "../env";

const isDev = process.argv.includes("--dev");
const config = env();
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const host = process.env.HOST ?? "127.0.0.1";

function runNext(args: string[], extraEnv: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [nextBin, ...args], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extraEnv },
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

let embedded: EmbeddedDatabase | undefined;
let exitCode = 1;
try {
  const started = Date.now();
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedDatabase({ dataDir: config.dataDir });
    databaseUrl = embedded.url;
    console.log(`Embedded PostgreSQL ready in ${Date.now() - started} ms (data in ${config.dataDir}).`);
  }
  const { applied } = await prepareDatabase(databaseUrl);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);

  if (!isDev && !existsSync(path.join(".next", "BUILD_ID"))) {
    console.log("No production build yet: building once (npm run build rebuilds after changes).");
    const buildCode = await runNext(["build"], {});
    if (buildCode !== 0) throw new Error(`next build failed with exit code ${buildCode}`);
  }
  const port = String(config.PORT);
  exitCode = await runNext(isDev ? ["dev", "-H", host, "-p", port] : ["start", "-H", host, "-p", port], {
    DATABASE_URL: databaseUrl,
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
} finally {
  await embedded?.stop();
}
process.exit(exitCode);
