import YAML from "yaml";
import type { ProjectPlan } from "../plan/project-plan";

/** docker-compose.yml as a document: what is serialized, and what the checks compare it with. */
export function composeDocument(plan: ProjectPlan): Record<string, unknown> {
  return {
    name: plan.project.slug,
    services: plan.services,
    ...(plan.volumes.length > 0
      ? { volumes: Object.fromEntries(plan.volumes.map((name) => [name, {}])) }
      : {}),
  };
}

/**
 * Serialized by the yaml library, never by string concatenation. Strings a YAML 1.1 reader (older
 * Compose versions) would take for booleans or numbers ("yes", "on", "y") are quoted, and no object is
 * written as an anchor and alias: each service's keys stand on their own, so editing one edits one.
 */
export function renderCompose(document: Record<string, unknown>): string {
  return new YAML.Document(document, { version: "1.1", aliasDuplicateObjects: false }).toString({
    lineWidth: 0,
  });
}
