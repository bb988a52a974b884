/**
 * `npm run bench:provision`: how long provisioning takes, printed as one JSON line per figure.
 * - the product owner's two reference stacks, median and p95 over BENCH_RUNS runs each;
 * - the median over every valid stack of the catalogue (one run each);
 * - both again with 10,000 existing projects in the database, and the ratio;
 * - create-t3-app and create-next-app scaffolding a comparable project without installing
 *   dependencies (installed once into ~/.cache/launchpad-bench), as ratios to Launchpad's median.
 * Uses the embedded database, or a scratch database on BENCH_DATABASE_URL's server.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import { createPrismaClient, type PrismaClient } from "../db/client";
import { getCatalogue } from "../services/catalogue/get-catalogue";
import { provisionProject, type ProvisioningConfig } from "../services/provisioning/provision-project";
import { allValidStacks, type Stack } from "../shared/stack";
import { benchDatabase, emit, emitEnvironment, median, percentile, round } from "./bench-database";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PEER_RUNS = Number(process.env.BENCH_PEER_RUNS ?? 5);
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
async function provisionOnce(db: PrismaClient, config: ProvisioningConfig, stack: Stack): Promise<number> {
  const slug = `bench-${randomBytes(4).toString("hex")}-${counter++}`;
  const project = await db.project.create({
    data: { name: slug, slug, ...stack, stackSavedAt: new Date() },
    select: { id: true },
  });
  const started = performance.now();
  const result = await provisionProject({ db, projectId: project.id, config });
  const elapsed = performance.now() - started;
  if (!result.success) throw new Error(`provisioning ${JSON.stringify(stack)} failed: ${result.error}`);
  return elapsed;
}

async function measure(
  db: PrismaClient,
  config: ProvisioningConfig,
  existingProjects: number,
  stacks: Stack[],
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
  for (const stack of stacks) all.push(await provisionOnce(db, config, stack));
  medians.all = median(all);
  emit({
    figure: "provision_ms",
    stack: "all-valid-combinations",
    existingProjects,
    runs: all.length,
    median: round(median(all)),
    p95: round(percentile(all, 95)),
  });
  return medians;
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

async function timePeer(command: string, args: string[]): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < PEER_RUNS; i++) {
    const dir = await mkdtemp(path.join(os.tmpdir(), "launchpad-peer-"));
    const started = performance.now();
    execFileSync(command, args, {
      cwd: dir,
      stdio: "ignore",
      env: { ...process.env, CI: "1", NEXT_TELEMETRY_DISABLED: "1" },
    });
    times.push(performance.now() - started);
    await rm(dir, { recursive: true, force: true });
  }
  return times;
}

const database = await benchDatabase();
const db = createPrismaClient(database.url, 4);
const projectsDir = await mkdtemp(path.join(os.tmpdir(), "launchpad-bench-projects-"));
try {
  emitEnvironment({ database: database.kind });
  const config: ProvisioningConfig = {
    projectsDir,
    timeoutMs: 300_000,
    portRange: { start: 20_000, end: 59_999 },
    key: randomBytes(32),
  };
  const stacks = allValidStacks(await getCatalogue({ db }));

  // The first run of a process compiles the Compose schema, and each distinct setup.sh is
  // shellchecked once per process. One unmeasured pass over every stack warms both, so that the
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

  const empty = await measure(db, config, 0, stacks);

  const existing = 10_000;
  await mkdir(projectsDir, { recursive: true });
  for (let batch = 0; batch < existing / 1000; batch++) {
    await db.project.createMany({
      data: Array.from({ length: 1000 }, (_, i) => ({
        name: `Existing ${batch}-${i}`,
        slug: `existing-${batch}-${i}-${randomBytes(3).toString("hex")}`,
      })),
    });
  }
  const full = await measure(db, config, existing, stacks);
  emit({
    figure: "ratio_10000_projects_to_empty",
    stack: "all-valid-combinations",
    value: round(full.all! / empty.all!),
  });
  for (const name of Object.keys(REFERENCE_STACKS)) {
    emit({ figure: "ratio_10000_projects_to_empty", stack: name, value: round(full[name]! / empty[name]!) });
  }

  if (process.env.BENCH_SKIP_PEERS !== "1") {
    const bin = peerBin();
    const launchpadMedian = empty["laravel+postgresql+none+tailwind"]!;
    const peers: [string, string, string[]][] = [
      ["create-t3-app", path.join(bin, "create-t3-app"), ["my-app", "--CI", "--noInstall", "--noGit"]],
      [
        "create-next-app",
        path.join(bin, "create-next-app"),
        ["my-app", "--skip-install", "--disable-git", "--yes"],
      ],
    ];
    for (const [name, command, args] of peers) {
      const times = await timePeer(command, args);
      emit({ figure: "peer_scaffold_ms", peer: name, runs: times.length, median: round(median(times)) });
      emit({ figure: "ratio_peer_to_launchpad", peer: name, value: round(median(times) / launchpadMedian) });
    }
  }
} finally {
  await db.$disconnect();
  await database.stop();
  await rm(projectsDir, { recursive: true, force: true });
}
process.exit(0);
