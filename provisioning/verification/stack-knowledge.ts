import { NONE, type Stack } from "../stack";
import { stackFingerprint } from "./stack-fingerprint";
import { stackKey, type StackRecord } from "./verified-stacks";

/**
 * What Launchpad knows of one stack, from the records of verified-stacks.json, as exactly one of:
 *
 * - "docker": this exact stack ran whole with Docker, its own setup.sh (verify:docker);
 * - "native": this exact stack booted without Docker, on this machine's runtimes (verify:stacks);
 * - "parts": it has no run of its own, but each of its parts ran whole in other stacks: its backend
 *   with its database, its frontend with its CSS, and its frontend calling its backend;
 * - "static": it was only checked without running, and why;
 * - "failed": its last run failed, and where;
 * - "stale": it was checked, but its generated files changed since (shown as such);
 * - "unchecked": nothing is known.
 *
 * Only current records count (made from the files Launchpad generates now, by their fingerprint):
 * a part proven by a stack whose files changed since proves nothing.
 */
export type PartProof = {
  part: "backend and database" | "frontend and CSS" | "frontend calling backend";
  /** The other stack it ran in, e.g. "express+postgresql+react+tailwind". */
  stack: string;
  method: StackRecord["method"];
  checkedOn: string;
};

export type StackKnowledge =
  | { state: "docker" | "native" | "static" | "failed" | "stale"; record: StackRecord }
  | { state: "parts"; parts: PartProof[] }
  | { state: "unchecked" };

type Part = {
  part: PartProof["part"];
  /** The part's technologies, e.g. "backend and database: express+postgresql". */
  key: string;
  matches(other: Stack): boolean;
};

/** The parts a stack has; a stack with one technology only has nothing to combine. */
export function partsOf(stack: Stack): Part[] {
  const parts: Part[] = [];
  if (stack.backend !== NONE || stack.database !== NONE)
    parts.push({
      part: "backend and database",
      key: `backend and database: ${stack.backend}+${stack.database}`,
      matches: (other) => other.backend === stack.backend && other.database === stack.database,
    });
  if (stack.frontend !== NONE)
    parts.push({
      part: "frontend and CSS",
      key: `frontend and CSS: ${stack.frontend}+${stack.css}`,
      matches: (other) => other.frontend === stack.frontend && other.css === stack.css,
    });
  if (stack.frontend !== NONE && stack.backend !== NONE)
    parts.push({
      part: "frontend calling backend",
      key: `frontend calling backend: ${stack.frontend}+${stack.backend}`,
      matches: (other) => other.frontend === stack.frontend && other.backend === stack.backend,
    });
  return parts;
}

export const stackOfKey = (key: string): Stack => {
  const [backend = NONE, database = NONE, frontend = NONE, css = NONE] = key.split("+");
  return { backend, database, frontend, css };
};

/** Fingerprints are pure functions of the files: one computation per stack and process. */
const fingerprints = new Map<string, Promise<string>>();
function fingerprintOf(stack: Stack): Promise<string> {
  const key = stackKey(stack);
  let fingerprint = fingerprints.get(key);
  if (!fingerprint) {
    fingerprint = stackFingerprint(stack);
    fingerprints.set(key, fingerprint);
  }
  return fingerprint;
}

const isCurrent = async (record: StackRecord) =>
  record.fingerprint === (await fingerprintOf(stackOfKey(record.stack)));

export async function stackKnowledge(stack: Stack, records: readonly StackRecord[]): Promise<StackKnowledge> {
  const key = stackKey(stack);
  const own = records.find((record) => record.stack === key);
  const ownCurrent = own ? await isCurrent(own) : false;
  if (own && ownCurrent) {
    if (own.outcome === "failed") return { state: "failed", record: own };
    if (own.outcome === "proven") return { state: own.method, record: own };
  }
  const parts = await provenParts(stack, records);
  if (parts) return { state: "parts", parts };
  if (own && ownCurrent) return { state: "static", record: own };
  if (own) return { state: "stale", record: own };
  return { state: "unchecked" };
}

/** Each part's proof, preferring runs with Docker, or null when a part has none. */
async function provenParts(stack: Stack, records: readonly StackRecord[]): Promise<PartProof[] | null> {
  const parts = partsOf(stack);
  if (parts.length === 0) return null;
  const candidates = records
    .filter((record) => record.outcome === "proven" && record.stack !== stackKey(stack))
    .sort((a, b) => Number(b.method === "docker") - Number(a.method === "docker"));
  const proofs: PartProof[] = [];
  for (const part of parts) {
    let proof: PartProof | null = null;
    for (const record of candidates) {
      if (part.matches(stackOfKey(record.stack)) && (await isCurrent(record))) {
        proof = { part: part.part, stack: record.stack, method: record.method, checkedOn: record.checkedOn };
        break;
      }
    }
    if (!proof) return null;
    proofs.push(proof);
  }
  return proofs;
}
