import { createHash } from "node:crypto";
import type { Stack } from "../stack";
import { CATALOGUE_VERSION } from "../catalogue";
import type { PlanInput } from "../plan/plan-project";
import { generateProjectFiles } from "../render/generate-project-files";
import { MANIFEST_FILE } from "../render/render-manifest";

/**
 * Fixed inputs for a stack's project when only its shape matters (what verify:stacks generates
 * natively, and the fingerprint below): no real credentials, ports or clock.
 */
export function fixedPlanInput(stack: Stack): Omit<PlanInput, "technologies"> {
  return {
    project: { slug: "verify", name: "verify", description: "" },
    stack,
    credentials: { databaseName: "d", databaseUser: "u", password: "p" },
    secrets: { app: "a", databaseRoot: "r" },
    ports: { app: 1, frontend: 2, database: 3, admin: 4 },
    catalogueVersion: CATALOGUE_VERSION,
    generatedAt: new Date(0),
  };
}

/**
 * What a proof of a stack depends on, as one hash: every file Launchpad generates for it with fixed
 * inputs (its Dockerfiles with their pinned images, setup.sh with the pinned generator, CSS and driver
 * versions, the starters and overlays of its technologies, compose, .env, README), but launchpad.json,
 * which records every pin of every technology. Any change to what the stack gets changes the hash.
 */
export async function stackFingerprint(stack: Stack): Promise<string> {
  const { files } = await generateProjectFiles(fixedPlanInput(stack));
  return fingerprintOfFiles(files);
}

/** The hash of a generated project's files (by path and content), launchpad.json aside. */
export function fingerprintOfFiles(files: readonly { path: string; content: string | Buffer }[]): string {
  const hash = createHash("sha256");
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    if (file.path === MANIFEST_FILE) continue;
    hash.update(file.path).update("\0").update(file.content).update("\0");
  }
  return `sha256:${hash.digest("hex")}`;
}
