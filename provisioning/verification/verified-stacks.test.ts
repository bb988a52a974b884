import { describe, expect, it } from "vitest";
import { NOT_CURRENT, stackKey, stackVerification, type StackRecord } from "./verified-stacks";
import { fingerprintOfFiles, fixedPlanInput, stackFingerprint } from "./stack-fingerprint";
import { generateProjectFiles } from "../render/generate-project-files";
import { MANIFEST_FILE } from "../render/render-manifest";

const stack = { backend: "express", database: "postgresql", frontend: "vue", css: "bootstrap" };

const record = (fingerprint: string): StackRecord => ({
  stack: stackKey(stack),
  fingerprint,
  checkedOn: "2026-11-28",
  outcome: "proven",
  method: "native",
  proven: ["booted natively with the generated configuration"],
  versions: {},
  standIns: [],
});

describe("a stack's verification record", () => {
  it("holds while the stack's files are what it was made from", async () => {
    const verification = await stackVerification(stack, [record(await stackFingerprint(stack))]);
    expect(verification.status).toBe("current");
  });

  it("says 'not checked with the current versions' once they changed", async () => {
    const verification = await stackVerification(stack, [record("sha256:made-from-other-files")]);
    expect(verification).toMatchObject({ status: "stale", message: NOT_CURRENT });
  });

  it("says a stack without a record was never checked", async () => {
    expect((await stackVerification(stack, [])).status).toBe("unchecked");
  });

  it("changes with any pinned version, starter or template the stack gets, and only with those", async () => {
    const base = await stackFingerprint(stack);
    expect(await stackFingerprint({ ...stack, css: "tailwind" })).not.toBe(base);
    expect(await stackFingerprint({ ...stack, database: "mysql" })).not.toBe(base);
    // Same inputs, same hash: nothing of the moment (date, ports, secrets) goes into it.
    expect(await stackFingerprint({ ...stack })).toBe(base);
  });

  it("goes stale when any file the stack generates changes, whichever it is", async () => {
    const { files } = await generateProjectFiles(fixedPlanInput(stack));
    const base = fingerprintOfFiles(files);
    expect(base).toBe(await stackFingerprint(stack));
    const changed = files.filter((file) => file.path !== MANIFEST_FILE);
    expect(changed.length).toBeGreaterThan(10);
    for (const file of changed) {
      const edited = files.map((other) =>
        other === file ? { ...other, content: `${other.content.toString()}\n` } : other,
      );
      expect(fingerprintOfFiles(edited), file.path).not.toBe(base);
    }
  });
});
