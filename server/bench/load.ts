/**
 * `npm run bench:load`: saveStack over HTTP against the production server on 127.0.0.1, for distinct
 * projects, at concurrency 1, 10 and 50 (autocannon). Prints p50/p95/p99 latency, requests per
 * second and the error rate as JSON lines, with the Node version and CPU. Run `npm run build` first.
 * BENCH_LOAD_REQUESTS scales the number of requests per level (default 1: 100, 300, 600).
 * BENCH_INSTANCES=2 starts two instances on the same database and projects folder (a PostgreSQL
 * server: BENCH_DATABASE_URL) and sends each half of the connections and requests (issue 25).
 * Authentication is on: BENCH_USERS members (default 10, invited through the app) each own a share
 * of the projects, and every request carries its owner's session cookie, so each request pays the
 * session lookup and nothing per user (a sign-in limit, one user's sessions) shapes the figures.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { benchMembers, Launcher } from "../../e2e/launcher";
import { createScratchDatabase } from "../test/global-setup";
import { emit, emitEnvironment, percentile, round } from "./bench-database";

const SCALE = Number(process.env.BENCH_LOAD_REQUESTS ?? 1);
const USERS = Number(process.env.BENCH_USERS ?? 10);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1);
const LEVELS = [
  { connections: 1, requests: 100 * SCALE },
  { connections: 10, requests: 300 * SCALE },
  { connections: 50, requests: 600 * SCALE },
];

if (!existsSync(".next/BUILD_ID")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), "launchpad-bench-load-data-"));
const projectsDir = await mkdtemp(path.join(os.tmpdir(), "launchpad-bench-load-projects-"));
// On a PostgreSQL server, a scratch database of its own: the server's database is left as it was,
// and a second run does not meet the first one's accounts and secret-key canary.
const serverUrl = process.env.BENCH_DATABASE_URL?.trim();
const scratch = serverUrl ? await createScratchDatabase(serverUrl) : null;
if (INSTANCES > 1 && !serverUrl) {
  console.error("BENCH_INSTANCES > 1 needs a PostgreSQL server: set BENCH_DATABASE_URL.");
  process.exit(1);
}
const settings = {
  PROJECTS_DIR: projectsDir,
  PROVISION_PORT_RANGE_START: "20000",
  PROVISION_PORT_RANGE_END: "39999",
  // The bench signs in once per member, from one address.
  LAUNCHPAD_SIGN_IN_MAX_ATTEMPTS: "1000",
  // Invites are accepted from one address too; the link limit is tested in server/security.
  LAUNCHPAD_LINK_MAX_ATTEMPTS: "1000",
  // One member makes many projects; the per-user limits are tested in server/security.
  LAUNCHPAD_USER_MAX_PROJECTS: "100000",
  LAUNCHPAD_USER_MAX_RUNS: "100000",
  ...(scratch ? { DATABASE_URL: scratch.url } : {}),
  // Instances share the key: the data folders differ.
  LAUNCHPAD_SECRET_KEY: randomBytes(32).toString("base64"),
};
const launchers = Array.from(
  { length: INSTANCES },
  (_, i) =>
    new Launcher(Number(process.env.BENCH_PORT ?? 3291) + i, {
      ...settings,
      LAUNCHPAD_DATA_DIR: path.join(dataDir, `instance-${i}`),
    }),
);
const launcher = launchers[0]!;
for (const each of launchers) await each.start();
try {
  emitEnvironment({
    database: scratch ? "postgresql" : "embedded",
    instances: INSTANCES,
    authentication: `on: ${USERS} signed-in members, each request with its project owner's session`,
  });
  const members = await benchMembers(launcher, USERS);
  const stack = { backend: "laravel", database: "postgresql", frontend: "none", css: "tailwind" };
  for (const level of LEVELS) {
    // One fresh project per request: the load is "many people saving their stack", not a retry storm.
    const bodies: { body: string; cookie: string }[] = [];
    for (let i = 0; i < level.requests; i++) {
      const owner = members[i % members.length]!;
      const project = await launcher.call<{ slug: string }>(
        "project.create",
        { name: `Load ${level.connections} ${i} ${Date.now()}` },
        "mutation",
        owner.cookie,
      );
      const interview = await launcher.call<{ id: string }>(
        "interview.get",
        { slug: project.slug },
        "query",
        owner.cookie,
      );
      bodies.push({
        body: JSON.stringify({ json: { interviewId: interview.id, stack } }),
        cookie: owner.cookie,
      });
    }
    let next = 0;
    const latencies: number[] = [];
    const started = performance.now();
    // Each instance gets its share of the connections and requests, all at the same time.
    const results = await Promise.all(
      launchers.map((target) =>
        autocannon({
          setupClient: (client) => {
            client.on("response", (_status: number, _bytes: number, responseTime: number) =>
              latencies.push(responseTime),
            );
          },
          url: `${target.baseURL}/api/trpc/interview.saveStack`,
          connections: Math.max(1, Math.round(level.connections / INSTANCES)),
          amount: Math.round(level.requests / INSTANCES),
          timeout: 120,
          method: "POST",
          headers: { "content-type": "application/json" },
          requests: [
            {
              setupRequest: (request) => {
                const { body, cookie } = bodies[next++ % bodies.length]!;
                return { ...request, body, headers: { ...request.headers, cookie } };
              },
            },
          ],
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const total = (pick: (result: autocannon.Result) => number) =>
      results.reduce((sum, result) => sum + pick(result), 0);
    const result = { requests: { total: total((r) => r.requests.total) } };
    const errors = total((r) => r.errors + r.timeouts + r.non2xx);
    emit({
      figure: "save_stack_load",
      connections: level.connections,
      requests: result.requests.total,
      p50_ms: round(percentile(latencies, 50)),
      p95_ms: round(percentile(latencies, 95)),
      p99_ms: round(percentile(latencies, 99)),
      requests_per_second: round(result.requests.total / seconds),
      error_rate: result.requests.total ? Math.round((errors / result.requests.total) * 10_000) / 10_000 : 0,
    });
  }
} finally {
  for (const each of launchers) await each.stop();
  await scratch?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(projectsDir, { recursive: true, force: true });
}
