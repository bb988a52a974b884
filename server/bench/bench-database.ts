import os from "node:os";
import { createScratchDatabase } from "../test/global-setup";
import { startEmbeddedDatabase } from "../db/embedded";
import { prepareDatabase } from "../db/prepare";

/**
 * A fresh, migrated and seeded database for a benchmark: a scratch database on the PostgreSQL server
 * in BENCH_DATABASE_URL when set, else the embedded one in memory.
 */
export async function benchDatabase(): Promise<{ url: string; kind: string; stop(): Promise<void> }> {
  const serverUrl = process.env.BENCH_DATABASE_URL?.trim();
  const database = serverUrl ? await createScratchDatabase(serverUrl) : await startEmbeddedDatabase();
  await prepareDatabase(database.url);
  return { ...database, kind: serverUrl ? "postgresql" : "embedded" };
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const round = (value: number) => Math.round(value * 100) / 100;

/** Benchmarks print one JSON object per line. */
export function emit(figure: Record<string, unknown>): void {
  console.log(JSON.stringify(figure));
}

/** The first line of every benchmark: what it ran on. */
export function emitEnvironment(extra: Record<string, unknown> = {}): void {
  emit({
    figure: "environment",
    node: process.version,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    ...extra,
  });
}
