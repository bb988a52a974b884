/**
 * `npm run bench:provision`: how long provisioning takes, printed as one JSON line per figure.
 * The timed function is the one saveStack awaits (provisionProject with the run saveStack claimed):
 * it returns after the folder is committed and the run recorded. saveStack's own steps before it
 * (validation, claim, saving the stack) are timed too, end to end, as `save_stack_ms`.
 * - the same save as the browser makes it, signed in: the session looked up from the cookie, the
 *   policy asked, saveStack, and the audit row written (`save_stack_signed_in_ms`), and the session
 *   lookup alone, Launchpad's direct read against Better Auth's getSession (`session_lookup_ms`);
 * - the product owner's two reference stacks, median and p95 over BENCH_RUNS runs each;
 * - the median over every valid stack of the catalogue (one run each);
 * - both again with 10,000 existing projects that each hold their ports and a run, and the ratio;
 * - create-t3-app and create-next-app scaffolding a comparable project without installing
 *   dependencies (installed once into ~/.cache/launchpad-bench), measured interleaved with
 *   Launchpad's runs over every valid stack, as ratios to that median.
 * Uses the embedded database, or a scratch database on BENCH_DATABASE_URL's server.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { randomBytes, randomUUID } from "node:crypto";
import { createCaller } from "../api/root";
import { createAuth } from "../auth/auth";
import { currentSessionId, sessionUser } from "../auth/session";
import { createPrismaClient, type PrismaClient } from "../db/client";
import { createUser } from "../services/accounts/create-user";
import { getCatalogue } from "../services/catalogue/get-catalogue";
import { saveStack } from "../services/interview/save-stack";
import { provisionProject, type ProvisioningConfig } from "../services/provisioning/provision-project";
import { claimRun } from "../services/provisioning/provisioning-runs";
import { allValidStacks, type Stack } from "../../provisioning/stack";
import { benchDatabase, emit, emitEnvironment, median, percentile, round } from "./bench-database";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PEER_RUNS = Number(process.env.BENCH_PEER_RUNS ?? 5);
const EXISTING_PROJECTS = 10_000;
const REFERENCE_STACKS: Record<string, Stack> = {
  "laravel+postgresql+none+tailwind": {
    backend: "laravel",
    database: "postgresql",
    frontend: "none",
    css: "tailwind",
  },
  "none+postgresql+nextjs+tailwind": {
    backend: "none",
    database: "postgresql",
    frontend: "nextjs",
    css: "tailwind",
  },
};

let counter = 0;
/** One provisioning as saveStack runs it: the project saved and its run claimed first (not timed). */
async function provisionOnce(db: PrismaClient, config: ProvisioningConfig, stack: Stack): Promise<number> {
  const slug = `bench-${randomBytes(4).toString("hex")}-${counter++}`;
  const project = await db.project.create({
    data: { name: slug, slug, ...stack, stackSavedAt: new Date() },
    select: { id: true, slug: true, name: true, description: true },
  });
  const claimedRun = await claimRun({ db, projectId: project.id, stack, config });
  const started = performance.now();
  const result = await provisionProject({ db, config, project, stack, claimedRun });
  const elapsed = performance.now() - started;
  if (!result.success) throw new Error(`provisioning ${JSON.stringify(stack)} failed: ${result.error}`);
  return elapsed;
}

/** The in-process saves' audit entries: no account, a name that says where they came from. */
const BENCH_AUDIT = { actor: { id: null, email: "bench:provision" }, headers: null };

/** saveStack end to end, in process: validation against the catalogue, claim, save, provision. */
async function saveStackOnce(db: PrismaClient, config: ProvisioningConfig, stack: Stack): Promise<number> {
  const slug = `bench-save-${randomBytes(4).toString("hex")}-${counter++}`;
  const project = await db.project.create({
    data: { name: slug, slug, interview: { create: {} } },
    select: { interview: { select: { id: true } } },
  });
  const started = performance.now();
  const result = await saveStack({
    db,
    interviewId: project.interview!.id,
    stack,
    config,
    audit: BENCH_AUDIT,
    authorize: () => {}, // in process, like a caller allowed to edit every project
  });
  const elapsed = performance.now() - started;
  if (!result.provisioning.success) throw new Error(`saveStack failed: ${result.provisioning.error}`);
  return elapsed;
}

/** A member signed in through Better Auth's own handler: the Cookie header a browser would send. */
async function signedInMember(
  db: PrismaClient,
): Promise<{ auth: ReturnType<typeof createAuth>; headers: Headers }> {
  const origin = "http://localhost:3000";
  const auth = createAuth({
    db,
    publicOrigin: origin,
    trustedOrigins: [origin],
    secret: randomBytes(32).toString("base64"),
    signIn: { maxAttempts: 100, windowSeconds: 60 },
  });
  const account = { email: `bench-${randomUUID()}@bench.invalid`, password: "bench-password-1" };
  await createUser({ db, account: { ...account, name: "Bench Member", role: "member" } });
  const response = await auth.handler(
    new Request(`${origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-launchpad-client-address": "127.0.0.1" },
      body: JSON.stringify(account),
    }),
  );
  if (response.status !== 200) throw new Error(`the bench member could not sign in: HTTP ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  return { auth, headers: new Headers({ cookie, "x-launchpad-client-address": "127.0.0.1" }) };
}

/**
 * One save as the tRPC procedure serves it to a signed-in browser: the session read from the cookie
 * (no cache, as on every request), the policy, saveStack with provisioning, and the audit row.
 */
async function signedInSaveOnce(
  db: PrismaClient,
  config: ProvisioningConfig,
  stack: Stack,
  member: Awaited<ReturnType<typeof signedInMember>>,
): Promise<number> {
  const slug = `bench-auth-${randomBytes(4).toString("hex")}-${counter++}`;
  const owner = await sessionUser(member.auth, member.headers);
  const project = await db.project.create({
    data: { name: slug, slug, ownerId: owner!.id, interview: { create: {} } },
    select: { interview: { select: { id: true } } },
  });
  const started = performance.now();
  const user = await sessionUser(member.auth, member.headers);
  // Limits as the app counts them (one upsert per run), set too high to refuse anything here.
  const userLimits = { projects: 1_000_000, runs: 1_000_000, windowSeconds: 600 };
  const caller = createCaller({
    db,
    user,
    headers: member.headers,
    userLimits,
    provisioningConfig: () => config,
    currentSessionId: () => currentSessionId(member.auth, member.headers),
  });
  const result = await caller.interview.saveStack({ interviewId: project.interview!.id, stack });
  const elapsed = performance.now() - started;
  if (!result.provisioning.success) throw new Error(`saveStack failed: ${result.provisioning.error}`);
  return elapsed;
}

type Peer = { name: string; command: string; args: string[] };

/**
 * The reference stacks, then every valid stack once. With peers, the stacks are run in PEER_RUNS
 * rounds and each peer scaffolds once per round, so Launchpad and the peers share the machine's state.
 */
async function measure(
  db: PrismaClient,
  config: ProvisioningConfig,
  existingProjects: number,
  stacks: Stack[],
  peers: Peer[] = [],
) {
  const medians: Record<string, number> = {};
  for (const [name, stack] of Object.entries(REFERENCE_STACKS)) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await provisionOnce(db, config, stack));
    medians[name] = median(times);
    emit({
      figure: "provision_ms",
      stack: name,
      existingProjects,
      runs: RUNS,
      median: round(median(times)),
      p95: round(percentile(times, 95)),
    });
  }
  const all: number[] = [];
  const peerTimes = new Map(peers.map((peer) => [peer.name, [] as number[]]));
  const rounds = peers.length > 0 ? PEER_RUNS : 1;
  for (let round = 0; round < rounds; round++) {
    for (const peer of peers) peerTimes.get(peer.name)!.push(await timePeer(peer));
    const slice = stacks.filter((_, index) => index % rounds === round);
    for (const stack of slice) all.push(await provisionOnce(db, config, stack));
  }
  medians.all = median(all);
  emit({
    figure: "provision_ms",
    stack: "all-valid-combinations",
    existingProjects,
    runs: all.length,
    median: round(median(all)),
    p95: round(percentile(all, 95)),
  });
  for (const [name, times] of peerTimes) {
    emit({ figure: "peer_scaffold_ms", peer: name, runs: times.length, median: round(median(times)) });
    emit({
      figure: "ratio_peer_to_launchpad",
      peer: name,
      against: "all-valid-combinations median, interleaved",
      value: round(median(times) / medians.all),
    });
  }
  return medians;
}

/**
 * 10,000 projects like the ones users make: each with a saved stack, its three host ports and one
 * finished run, written in batches straight into the tables.
 */
async function createExistingProjects(db: PrismaClient, config: ProvisioningConfig, count: number) {
  const held = new Set((await db.portAllocation.findMany({ select: { port: true } })).map((row) => row.port));
  const free: number[] = [];
  for (let port = config.portRange.start; port <= config.portRange.end; port++)
    if (!held.has(port)) free.push(port);
  for (let i = free.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [free[i], free[j]] = [free[j]!, free[i]!];
  }
  const stack = REFERENCE_STACKS["laravel+postgresql+none+tailwind"]!;
  for (let batch = 0; batch < count / 1000; batch++) {
    const projects = Array.from({ length: 1000 }, (_, i) => ({
      id: randomUUID(),
      name: `Existing ${batch}-${i}`,
      slug: `existing-${batch}-${i}-${randomBytes(3).toString("hex")}`,
      ...stack,
      stackSavedAt: new Date(),
    }));
    await db.project.createMany({ data: projects });
    await db.portAllocation.createMany({
      data: projects.flatMap((project) =>
        (["app", "database", "admin"] as const).map((purpose) => ({
          port: free.pop()!,
          projectId: project.id,
          purpose,
        })),
      ),
    });
    await db.provisioningRun.createMany({
      data: projects.map((project) => ({
        projectId: project.id,
        attempt: 1,
        status: "succeeded" as const,
        stack,
        finishedAt: new Date(),
        projectPath: path.join(config.projectsDir, project.slug),
      })),
    });
  }
}

/** Installs the peers once into a cache folder outside the repository; returns their bin folder. */
function peerBin(): string {
  const cache = process.env.BENCH_PEER_CACHE ?? path.join(os.homedir(), ".cache", "launchpad-bench");
  const bin = path.join(cache, "node_modules", ".bin");
  if (!existsSync(path.join(bin, "create-t3-app")) || !existsSync(path.join(bin, "create-next-app"))) {
    execFileSync(
      "npm",
      ["install", "--prefix", cache, "--no-audit", "--no-fund", "create-t3-app", "create-next-app"],
      {
        stdio: "ignore",
      },
    );
  }
  return bin;
}

async function timePeer(peer: Peer): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "launchpad-peer-"));
  const started = performance.now();
  execFileSync(peer.command, peer.args, {
    cwd: dir,
    stdio: "ignore",
    env: { ...process.env, CI: "1", NEXT_TELEMETRY_DISABLED: "1" },
  });
  const elapsed = performance.now() - started;
  await rm(dir, { recursive: true, force: true });
  return elapsed;
}

const database = await benchDatabase();
const db = createPrismaClient(database.url, 4);
const projectsDir = await mkdtemp(path.join(os.tmpdir(), "launchpad-bench-projects-"));
try {
  emitEnvironment({ database: database.kind });
  const config: ProvisioningConfig = {
    projectsDir,
    timeoutMs: 300_000,
    // Wide enough for 10,000 projects holding three ports each, with room to spare.
    portRange: { start: 10_000, end: 65_000 },
    key: randomBytes(32),
  };
  const stacks = allValidStacks(await getCatalogue({ db }));

  // The first run of a process compiles the Compose schema, and each distinct setup.sh is
  // checked once per process. One unmeasured pass over every stack warms both, so that the
  // runs with 0 and with 10,000 projects are compared under the same conditions.
  const cold = await provisionOnce(db, config, REFERENCE_STACKS["laravel+postgresql+none+tailwind"]!);
  emit({ figure: "provision_first_run_ms", value: round(cold) });
  const firstPass: number[] = [];
  for (const stack of stacks) firstPass.push(await provisionOnce(db, config, stack));
  emit({
    figure: "provision_ms",
    stack: "all-valid-combinations-first-pass",
    existingProjects: 0,
    runs: firstPass.length,
    median: round(median(firstPass)),
    p95: round(percentile(firstPass, 95)),
  });

  const saves: number[] = [];
  for (const stack of stacks) saves.push(await saveStackOnce(db, config, stack));
  emit({
    figure: "save_stack_ms",
    stack: "all-valid-combinations",
    runs: saves.length,
    median: round(median(saves)),
    p95: round(percentile(saves, 95)),
  });

  const member = await signedInMember(db);
  // The session lookup each request pays, alone: Launchpad's direct read and Better Auth's own
  // getSession (which it defers to), interleaved so both meet the same machine state.
  const direct: number[] = [];
  const viaBetterAuth: number[] = [];
  for (let i = 0; i < 200; i++) {
    let started = performance.now();
    if (!(await sessionUser(member.auth, member.headers))) throw new Error("the bench member has no session");
    direct.push(performance.now() - started);
    started = performance.now();
    if (!(await member.auth.api.getSession({ headers: member.headers })))
      throw new Error("Better Auth finds no session for the bench member");
    viaBetterAuth.push(performance.now() - started);
  }
  emit({
    figure: "session_lookup_ms",
    via: "sessionUser",
    runs: direct.length,
    median: round(median(direct)),
  });
  emit({
    figure: "session_lookup_ms",
    via: "Better Auth getSession",
    runs: viaBetterAuth.length,
    median: round(median(viaBetterAuth)),
  });
  const auditedBefore = await db.auditEntry.count({ where: { action: "stack.saved" } });
  const signedInSaves: number[] = [];
  for (const stack of stacks) signedInSaves.push(await signedInSaveOnce(db, config, stack, member));
  const audited = (await db.auditEntry.count({ where: { action: "stack.saved" } })) - auditedBefore;
  if (audited !== stacks.length) throw new Error(`expected ${stacks.length} audit rows, found ${audited}`);
  emit({
    figure: "save_stack_signed_in_ms",
    stack: "all-valid-combinations",
    runs: signedInSaves.length,
    median: round(median(signedInSaves)),
    p95: round(percentile(signedInSaves, 95)),
    auditRows: audited,
  });

  const peers: Peer[] = [];
  if (process.env.BENCH_SKIP_PEERS !== "1") {
    const bin = peerBin();
    peers.push(
      {
        name: "create-t3-app",
        command: path.join(bin, "create-t3-app"),
        args: ["my-app", "--CI", "--noInstall", "--noGit"],
      },
      {
        name: "create-next-app",
        command: path.join(bin, "create-next-app"),
        args: ["my-app", "--skip-install", "--disable-git", "--yes"],
      },
    );
  }
  const empty = await measure(db, config, 0, stacks, peers);

  await createExistingProjects(db, config, EXISTING_PROJECTS);
  const full = await measure(db, config, EXISTING_PROJECTS, stacks);
  emit({
    figure: "ratio_10000_projects_to_empty",
    stack: "all-valid-combinations",
    value: round(full.all! / empty.all!),
  });
  for (const name of Object.keys(REFERENCE_STACKS)) {
    emit({ figure: "ratio_10000_projects_to_empty", stack: name, value: round(full[name]! / empty[name]!) });
  }
} finally {
  await db.$disconnect();
  await database.stop();
  await rm(projectsDir, { recursive: true, force: true });
}
process.exit(0);
