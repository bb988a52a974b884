import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Stack } from "../stack";
import { PROVISIONING_DIR } from "../paths";
import { stackFingerprint } from "./stack-fingerprint";

/**
 * What `npm run verify:stacks -- --record` or `verify:docker -- --record` proved of each stack, kept in verified-stacks.json beside
 * the catalogue: booted and connected to a real database server, its first page built, served and
 * styled as chosen in Chromium; or only checked statically, and why. A record holds for the files
 * it was made from (its fingerprint): once the stack's pins, starters or templates change, it says
 * "not checked with the current versions" until the check is run again.
 */
export const VERIFIED_STACKS_FILE = path.join(PROVISIONING_DIR, "verified-stacks.json");

export const stackRecordSchema = z.object({
  stack: z.string(),
  fingerprint: z.string(),
  checkedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  outcome: z.enum(["proven", "checked statically", "failed"]),
  /**
   * How it ran: "docker" is the user's own path (its setup.sh with a Docker engine, verify:docker);
   * "native" its apps booted on this machine's runtimes (verify:stacks).
   */
  method: z.enum(["docker", "native"]).default("native"),
  /** What ran: each item a sentence (booted, database reached, CORS, page built, health shown, styled). */
  proven: z.array(z.string()),
  /** Why the stack was not booted, or where it failed. */
  reason: z.string().optional(),
  versions: z.record(z.string(), z.string()),
  /** What ran in place of the generated project's pinned parts. */
  standIns: z.array(z.string()),
});
export type StackRecord = z.infer<typeof stackRecordSchema>;

const fileSchema = z.object({ records: z.array(stackRecordSchema) });

export const stackKey = (stack: Stack) =>
  [stack.backend, stack.database, stack.frontend, stack.css].join("+");

export async function readStackRecords(file = VERIFIED_STACKS_FILE): Promise<StackRecord[]> {
  try {
    // Read at run time from the checkout; without the comment Turbopack traces the whole project.
    return fileSchema.parse(JSON.parse(await readFile(/* turbopackIgnore: true */ file, "utf8"))).records;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

export type StackVerification =
  | { status: "current"; record: StackRecord }
  | { status: "stale"; message: string; record: StackRecord }
  | { status: "unchecked"; message: string };

export const NOT_CURRENT = "not checked with the current versions";

/** The record for a stack, judged against the files Launchpad would generate for it now. */
export async function stackVerification(
  stack: Stack,
  records?: readonly StackRecord[],
): Promise<StackVerification> {
  const record = (records ?? (await readStackRecords())).find((r) => r.stack === stackKey(stack));
  if (!record) return { status: "unchecked", message: "never checked by verify:stacks" };
  if (record.fingerprint !== (await stackFingerprint(stack)))
    return { status: "stale", message: NOT_CURRENT, record };
  return { status: "current", record };
}
