/**
 * `npm run bench:lifecycle`: what getting a project out costs (issue 27), one JSON line per figure.
 * - preview: interview.preview's service (the catalogue read from the database, the stack
 *   validated, plan and render, placeholders) for every valid stack, BENCH_ROUNDS rounds after one
 *   warm-up round: median and p95 in ms (goal under 50 ms);
 * - zip: downloadProject of a provisioned project grown to 10 MB and to 100 MB (half random bytes
 *   in 1 MB files, half source-like text in 100 kB files), streamed into a byte counter as a client
 *   reads it: throughput in MB/s of folder read, zip size, and the process's peak resident memory
 *   above what it held before, sampled every 5 ms. Flat memory means the 100 MB peak is about the
 *   10 MB one.
 * - git (issue 28): provisionProject of a new project and a re-provision, with git and with git
 *   missing (the step then ends at once), interleaved, BENCH_GIT_RUNS each: the medians, their
 *   difference (the git step: `git init` and the first commit, or a commit on launchpad) and its
 *   share of the run with git. A run is what Save waits for before the credentials dialog opens.
 * - archive, restore, purge (issue 29): BENCH_ARCHIVE_RUNS provisioned projects, each archived,
 *   restored (its ports taken again), archived again, restored after another project took one of its
 *   ports (new port, .env rewritten), archived and purged: the median and p95 of each, in ms. Then the
 *   same for the zip bench's 100 MB project: a move is one rename whatever the size; a purge is not.
 * Uses the embedded database, or a scratch database on BENCH_DATABASE_URL's server.
 */
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createPrismaClient, type PrismaClient } from "../db/client";
import { previewStack } from "../services/interview/preview-stack";
import { provisionProject, type ProvisioningConfig } from "../services/provisioning/provision-project";
import { downloadProject } from "../services/download/download-project";
import { archiveProject } from "../services/lifecycle/archive-project";
import { purgeProject } from "../services/lifecycle/purge-project";
import { restoreProject } from "../services/lifecycle/restore-project";
import { allValidStacks } from "../../provisioning/stack";
import { catalogueChoices } from "../../provisioning/catalogue";
import { benchDatabase, emit, emitEnvironment, median, percentile, round } from "./bench-database";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ARCHIVE_RUNS = Number(process.env.BENCH_ARCHIVE_RUNS ?? 15);
const GIT_RUNS = Number(process.env.BENCH_GIT_RUNS ?? 15);
const MB = 1024 * 1024;

async function benchPreview(db: PrismaClient) {
  const project = await db.project.create({
    data: { name: "Preview bench", slug: "preview-bench", description: "" },
    select: { id: true },
  });
  const stacks = allValidStacks(catalogueChoices());
  const times: number[] = [];
  for (let round_ = 0; round_ <= ROUNDS; round_++) {
    for (const stack of stacks) {
      const started = performance.now();
      await previewStack({ db, projectId: project.id, stack });
      // Round 0 warms the module caches and the database connection: not counted.
      if (round_ > 0) times.push(performance.now() - started);
    }
  }
  emit({
    figure: "preview_ms",
    stacks: stacks.length,
    rounds: ROUNDS,
    median: round(median(times)),
    p95: round(percentile(times, 95)),
    max: round(Math.max(...times)),
  });
}

/** Grows the project folder by `megabytes`: half incompressible, half text. */
async function grow(folder: string, megabytes: number) {
  const data = path.join(folder, "bench-data");
  await rm(data, { recursive: true, force: true });
  await mkdir(path.join(data, "binary"), { recursive: true });
  await mkdir(path.join(data, "text"), { recursive: true });
  const line = "export function handler(request, response) { return response.json({ ok: true }); }\n";
  const textFile = line.repeat(Math.ceil((100 * 1024) / line.length)).slice(0, 100 * 1024);
  for (let i = 0; i < megabytes / 2; i++)
    await writeFile(path.join(data, "binary", `${i}.bin`), randomBytes(MB));
  for (let i = 0; i < (megabytes / 2) * 10; i++)
    await writeFile(path.join(data, "text", `${i}.js`), textFile);
}

/** A project whose stack (Express, PostgreSQL, React, Tailwind CSS) is saved, straight in the database. */
function createSavedProject(db: PrismaClient, slug: string) {
  return db.project.create({
    data: {
      name: slug,
      slug,
      description: "",
      backend: "express",
      database: "postgresql",
      frontend: "react",
      css: "tailwind",
      stackSavedAt: new Date(),
    },
    select: { id: true, slug: true },
  });
}

async function benchGit(db: PrismaClient, config: ProvisioningConfig) {
  const withoutGit: ProvisioningConfig = {
    ...config,
    git: { author: { name: "B", email: "b@localhost" }, remoteHosts: [], binary: "/nonexistent/git" },
  };
  const times = {
    first: { git: [] as number[], none: [] as number[] },
    again: { git: [] as number[], none: [] as number[] },
  };
  for (let i = 0; i < GIT_RUNS; i++) {
    for (const [variant, settings] of [
      ["git", config],
      ["none", withoutGit],
    ] as const) {
      const slug = `git-bench-${variant}-${i}`;
      const project = await createSavedProject(db, slug);
      for (const phase of ["first", "again"] as const) {
        const started = performance.now();
        const result = await provisionProject({ db, config: settings, projectId: project.id });
        times[phase][variant].push(performance.now() - started);
        if (!result.success) throw new Error(`provisioning failed: ${result.error}`);
        if (variant === "git" && !result.git?.commit) throw new Error(`no commit: ${result.git?.note}`);
      }
    }
  }
  for (const phase of ["first", "again"] as const) {
    const withGit = median(times[phase].git);
    const step = withGit - median(times[phase].none);
    emit({
      figure: phase === "first" ? "git_first_provisioning" : "git_reprovision",
      runs: GIT_RUNS,
      run_with_git_ms: round(withGit),
      run_without_git_ms: round(median(times[phase].none)),
      git_step_ms: round(step),
      git_share_of_run: round(step / withGit),
    });
  }
}

async function benchZip(db: PrismaClient, config: ProvisioningConfig) {
  const project = await createSavedProject(db, "zip-bench");
  const provisioned = await provisionProject({ db, config, projectId: project.id });
  if (!provisioned.success) throw new Error(`provisioning failed: ${provisioned.error}`);
  const folder = path.join(config.projectsDir, project.slug);

  for (const megabytes of [10, 100]) {
    await grow(folder, megabytes);
    const samples: number[] = [];
    let peakAbove = 0;
    let zipBytes = 0;
    for (let attempt = 0; attempt < 3; attempt++) {
      globalThis.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
      zipBytes = 0;
      const started = performance.now();
      const download = await downloadProject({
        db,
        projectsDir: config.projectsDir,
        key: config.key,
        slug: project.slug,
        includeEnv: false,
        authorize: () => undefined,
        audit: { actor: { id: null, email: null }, headers: null },
      });
      await pipeline(
        download.stream,
        new Writable({
          write(chunk: Buffer, _encoding, callback) {
            zipBytes += chunk.length;
            callback();
          },
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      samples.push(seconds);
      peakAbove = Math.max(peakAbove, peak - before);
    }
    emit({
      figure: "zip",
      folder_mb: megabytes,
      runs: samples.length,
      median_seconds: round(median(samples)),
      throughput_mb_s: round(megabytes / median(samples)),
      zip_mb: round(zipBytes / MB),
      peak_rss_above_start_mb: round(peakAbove / MB),
    });
  }
}

const BENCH_AUDIT = { actor: { id: null, email: null }, headers: null };

/** Times `work` in ms. */
async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function benchArchive(db: PrismaClient, config: ProvisioningConfig) {
  const times: Record<string, number[]> = {
    archive: [],
    restore_same_ports: [],
    restore_new_port: [],
    purge: [],
  };
  const squatter = await createSavedProject(db, "archive-bench-squatter");
  for (let i = 0; i < ARCHIVE_RUNS; i++) {
    const project = await createSavedProject(db, `archive-bench-${i}`);
    const provisioned = await provisionProject({ db, config, projectId: project.id });
    if (!provisioned.success) throw new Error(`provisioning failed: ${provisioned.error}`);
    const confirm = { db, slug: project.slug, confirmName: project.slug, config, audit: BENCH_AUDIT };
    times.archive!.push(await timed(() => archiveProject(confirm)));
    times.restore_same_ports!.push(await timed(() => restoreProject(confirm)));
    const { port } = await db.portAllocation.findFirstOrThrow({
      where: { projectId: project.id, purpose: "app" },
    });
    times.archive!.push(await timed(() => archiveProject(confirm)));
    await db.portAllocation.create({ data: { port, projectId: squatter.id, purpose: "app" } });
    times.restore_new_port!.push(
      await timed(async () => {
        const outcome = await restoreProject(confirm);
        if (!outcome.ports.some((held) => held.changedBecause)) throw new Error("no port changed");
      }),
    );
    await db.portAllocation.delete({ where: { port } });
    times.archive!.push(await timed(() => archiveProject(confirm)));
    times.purge!.push(await timed(() => purgeProject({ ...confirm, reason: "by-hand" })));
  }
  for (const [operation, samples] of Object.entries(times)) {
    emit({
      figure: `${operation}_ms`,
      runs: samples.length,
      median: round(median(samples)),
      p95: round(percentile(samples, 95)),
    });
  }
}

/** The zip bench's project (grown to 100 MB): archive, restore, archive and purge it once each. */
async function benchArchiveLarge(db: PrismaClient, config: ProvisioningConfig) {
  const confirm = { db, slug: "zip-bench", confirmName: "zip-bench", config, audit: BENCH_AUDIT };
  emit({
    figure: "archive_100mb_ms",
    archive: round(await timed(() => archiveProject(confirm))),
    restore: round(await timed(() => restoreProject(confirm))),
    archive_again: round(await timed(() => archiveProject(confirm))),
    purge: round(await timed(() => purgeProject({ ...confirm, reason: "by-hand" }))),
  });
}

const database = await benchDatabase();
const db = createPrismaClient(database.url, 4);
const projectsDir = await mkdtemp(path.join(os.tmpdir(), "launchpad-bench-lifecycle-"));
try {
  emitEnvironment({ database: database.kind, rounds: ROUNDS, gc: typeof globalThis.gc === "function" });
  const config: ProvisioningConfig = {
    projectsDir,
    timeoutMs: 60_000,
    portRange: { start: 40_000, end: 40_999 },
    key: randomBytes(32),
    portBindCheck: false,
  };
  await benchPreview(db);
  await benchGit(db, config);
  await benchZip(db, config);
  await benchArchive(db, config);
  await benchArchiveLarge(db, config);
} finally {
  await db.$disconnect();
  await database.stop();
  await rm(projectsDir, { recursive: true, force: true });
}
