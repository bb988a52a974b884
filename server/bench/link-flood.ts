/**
 * `npm run bench:flood`: what a flood of anonymous, bogus invite claims does to people signing in
 * (issue 19). 16 clients send `account.acceptInvite` with made-up tokens as fast as they can for
 * BENCH_SECONDS (default 30) while one client signs in correctly, one sign-in after another; it
 * prints the sign-in median and p95 with no flood, and under the flood in two shapes:
 *  - from one address (the launcher's own socket address): the per-address limit answers 429;
 *  - from a new address per request (forwarded by a trusted proxy, TEST-NET addresses): the limit
 *    never triggers, so what is measured is the cost of the claims themselves.
 * Against the production build, launched on a fresh embedded database. Run `npm run build` first.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { E2E_ADMIN } from "../../e2e/accounts";
import { Launcher } from "../../e2e/launcher";
import { emit, emitEnvironment, median, percentile, round } from "./bench-database";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const PORT = Number(process.env.BENCH_PORT ?? 3292);

if (!existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}

type Shape = "none" | "one-address" | "address-per-request";

/** Sign-ins one after another until `until`; their durations in ms. */
async function signInsUntil(baseURL: string, until: number): Promise<number[]> {
  const durations: number[] = [];
  while (Date.now() < until) {
    const started = performance.now();
    const response = await fetch(`${baseURL}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: baseURL },
      body: JSON.stringify(E2E_ADMIN),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`a correct sign-in failed with HTTP ${response.status}`);
    durations.push(performance.now() - started);
  }
  return durations;
}

/** One flooding client: bogus claims until `until`; counts answers by HTTP status. */
async function flood(baseURL: string, until: number, shape: Shape, statuses: Map<number, number>) {
  let request = 0;
  while (Date.now() < until) {
    request++;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (shape === "address-per-request") {
      headers["x-forwarded-for"] =
        `203.0.113.${request % 250}, 198.51.100.${Math.floor(Math.random() * 250)}`;
    }
    const response = await fetch(`${baseURL}/api/trpc/account.acceptInvite`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        json: {
          token: `bogus-${request}`,
          name: "Flood",
          email: `flood-${request}@bench.invalid`,
          password: "flood-password-1",
        },
      }),
    }).catch(() => null);
    await response?.arrayBuffer();
    const status = response?.status ?? 0;
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
}

async function measure(shape: Shape) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "launchpad-bench-flood-data-"));
  const projectsDir = await mkdtemp(path.join(os.tmpdir(), "launchpad-bench-flood-projects-"));
  const launcher = new Launcher(PORT, {
    LAUNCHPAD_DATA_DIR: dataDir,
    PROJECTS_DIR: projectsDir,
    // The one correct client signs in again and again from one address.
    LAUNCHPAD_SIGN_IN_MAX_ATTEMPTS: "100000",
    ...(shape === "address-per-request" ? { LAUNCHPAD_TRUSTED_PROXIES: "127.0.0.1" } : {}),
  });
  try {
    await launcher.start();
    await signInsUntil(launcher.baseURL, Date.now() + 2000); // warm
    const until = Date.now() + SECONDS * 1000;
    const statuses = new Map<number, number>();
    const clients =
      shape === "none"
        ? []
        : Array.from({ length: CLIENTS }, () => flood(launcher.baseURL, until, shape, statuses));
    const [durations] = await Promise.all([signInsUntil(launcher.baseURL, until), ...clients]);
    emit({
      figure: "sign_in_ms_under_flood",
      flood: shape,
      clients: shape === "none" ? 0 : CLIENTS,
      seconds: SECONDS,
      signIns: durations.length,
      median: round(median(durations)),
      p95: round(percentile(durations, 95)),
      floodAnswers: Object.fromEntries(statuses),
      goalMedianMs: 500,
    });
  } finally {
    await launcher.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(projectsDir, { recursive: true, force: true });
  }
}

emitEnvironment({ clients: CLIENTS, seconds: SECONDS });
for (const shape of ["none", "one-address", "address-per-request"] as const) await measure(shape);
