import { createHash } from "node:crypto";
import type { ProjectPlan } from "../plan/project-plan";
import type { GeneratedFile } from "./generated-file";

export const MANIFEST_FILE = "launchpad.json";

export const sha256 = (content: string | Buffer) => createHash("sha256").update(content).digest("hex");

/** launchpad.json: what was generated, from which catalogue and templates, and each file's hash. */
export function renderManifest(plan: ProjectPlan, files: GeneratedFile[]): string {
  const manifest = {
    generator: "launchpad",
    templateVersion: plan.templateVersion,
    catalogueVersion: plan.catalogueVersion,
    generatedAt: plan.generatedAt.toISOString(),
    project: { slug: plan.project.slug, name: plan.project.name },
    stack: plan.stack,
    versions: plan.versions,
    files: Object.fromEntries(files.map((file) => [file.path, sha256(file.content)])),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
