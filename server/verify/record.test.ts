import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { StackRecord } from "../../provisioning/verification/verified-stacks";
import { writeRecords } from "./record";

const base: StackRecord = {
  stack: "express+postgresql+react+tailwind",
  fingerprint: "sha256:now",
  checkedOn: "2026-12-03",
  outcome: "proven",
  method: "docker",
  proven: ["ran its own ./setup.sh with Docker (30 s)"],
  versions: {},
  standIns: ["Debian's PostgreSQL 17.12 for postgres:17.11-trixie"],
};

let dir = "";
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const recordsIn = async (file: string) =>
  (JSON.parse(await readFile(file, "utf8")) as { records: StackRecord[] }).records;

describe("writing verified-stacks.json", () => {
  it("keeps a current Docker record when a native boot of the same files is recorded", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "launchpad-records-"));
    const file = path.join(dir, "verified-stacks.json");
    await writeRecords([base], file);
    await writeRecords([{ ...base, method: "native", proven: ["booted natively"] }], file);
    expect(await recordsIn(file)).toEqual([base]);
  });

  it("replaces a Docker record made from other files, and any record by a newer Docker run", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "launchpad-records-"));
    const file = path.join(dir, "verified-stacks.json");
    await writeRecords([{ ...base, fingerprint: "sha256:before" }], file);
    const native = { ...base, method: "native" as const, proven: ["booted natively"] };
    await writeRecords([native], file);
    expect(await recordsIn(file)).toEqual([native]);
    await writeRecords([base], file);
    expect(await recordsIn(file)).toEqual([base]);
  });
});
