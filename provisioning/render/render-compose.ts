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

/** Serialized by the yaml library, never by string concatenation: quoting is its job. */
export function renderCompose(document: Record<string, unknown>): string {
  return YAML.stringify(document, { lineWidth: 0 });
}
