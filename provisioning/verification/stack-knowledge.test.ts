import { describe, expect, it } from "vitest";
import { stackFingerprint } from "./stack-fingerprint";
import { stackKnowledge } from "./stack-knowledge";
import { stackKey, type StackRecord } from "./verified-stacks";
import type { Stack } from "../stack";

const stack = (backend: string, database: string, frontend: string, css: string): Stack => ({
  backend,
  database,
  frontend,
  css,
});

async function recordOf(
  of: Stack,
  outcome: StackRecord["outcome"],
  method: StackRecord["method"],
  fingerprint?: string,
): Promise<StackRecord> {
  return {
    stack: stackKey(of),
    fingerprint: fingerprint ?? (await stackFingerprint(of)),
    checkedOn: "2026-12-03",
    outcome,
    method,
    proven: ["ran"],
    versions: {},
    standIns: [],
    ...(outcome !== "proven" ? { reason: "no MongoDB server can run here" } : {}),
  };
}

const target = stack("express", "postgresql", "vue", "bootstrap");
const backendPart = stack("express", "postgresql", "react", "tailwind");
const frontendPart = stack("nestjs", "mysql", "vue", "bootstrap");
const linkPart = stack("express", "sqlite", "vue", "tailwind");

describe("what Launchpad knows of a stack", () => {
  it("is its own current run first: with Docker, natively, or failed", async () => {
    expect((await stackKnowledge(target, [await recordOf(target, "proven", "docker")])).state).toBe("docker");
    expect((await stackKnowledge(target, [await recordOf(target, "proven", "native")])).state).toBe("native");
    expect((await stackKnowledge(target, [await recordOf(target, "failed", "docker")])).state).toBe("failed");
  });

  it("is proven in parts when its backend with its database, its frontend with its CSS and the link ran elsewhere", async () => {
    const parts = [
      await recordOf(backendPart, "proven", "docker"),
      await recordOf(frontendPart, "proven", "docker"),
      await recordOf(linkPart, "proven", "native"),
    ];
    const knowledge = await stackKnowledge(target, parts);
    expect(knowledge).toEqual({
      state: "parts",
      parts: [
        {
          part: "backend and database",
          stack: stackKey(backendPart),
          method: "docker",
          checkedOn: "2026-12-03",
        },
        {
          part: "frontend and CSS",
          stack: stackKey(frontendPart),
          method: "docker",
          checkedOn: "2026-12-03",
        },
        {
          part: "frontend calling backend",
          stack: stackKey(linkPart),
          method: "native",
          checkedOn: "2026-12-03",
        },
      ],
    });
    // One part missing: nothing is proven in parts.
    expect((await stackKnowledge(target, parts.slice(0, 2))).state).toBe("unchecked");
  });

  it("does not count a part whose stack's files changed since it ran", async () => {
    const parts = [
      await recordOf(backendPart, "proven", "docker"),
      await recordOf(frontendPart, "proven", "docker", "sha256:made-from-other-files"),
      await recordOf(linkPart, "proven", "native"),
    ];
    expect((await stackKnowledge(target, parts)).state).toBe("unchecked");
  });

  it("says checked statically, stale or unchecked, in that order", async () => {
    const mongo = stack("express", "mongodb", "react", "none");
    expect((await stackKnowledge(mongo, [await recordOf(mongo, "checked statically", "native")])).state).toBe(
      "static",
    );
    expect(
      (await stackKnowledge(mongo, [await recordOf(mongo, "proven", "docker", "sha256:old")])).state,
    ).toBe("stale");
    expect((await stackKnowledge(mongo, [])).state).toBe("unchecked");
  });
});
