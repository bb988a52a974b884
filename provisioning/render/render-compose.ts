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
 * Serialized by the yaml library, never by string concatenation, and no object is written as an
 * anchor and alias: each service's keys stand on their own, so editing one edits one. It writes for
 * YAML 1.1 (older Compose versions), quoting strings such a reader would take for booleans or numbers
 * ("yes", "on", "y"). Newer Compose versions read YAML 1.2, where a few strings that 1.1 leaves plain
 * are numbers ("0o17" is octal): those are double-quoted too. A project called "0o0" would otherwise
 * get `name: 0o0`, which is the number 0.
 */
export function renderCompose(document: Record<string, unknown>): string {
  const yaml = new YAML.Document(document, { version: "1.1", aliasDuplicateObjects: false });
  YAML.visit(yaml, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && isPlainIn11ButNotIn12(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  return yaml.toString({ lineWidth: 0 });
}

/**
 * The tests by which a YAML reader of `version` resolves a plain scalar to something other than a
 * string (null, boolean, number, timestamp): the yaml library's own schema, so no rule is copied.
 */
function nonStringTests(version: "1.1" | "1.2"): RegExp[] {
  return new YAML.Document(null, { version }).schema.tags.flatMap((tag) =>
    tag.default === true && tag.test && !tag.tag.endsWith(":str") ? [tag.test] : [],
  );
}
const NOT_A_STRING_IN_11 = nonStringTests("1.1");
const NOT_A_STRING_IN_12 = nonStringTests("1.2");

/** True when `value` written plain reads back as itself in YAML 1.1 but as something else in 1.2. */
export function isPlainIn11ButNotIn12(value: string): boolean {
  return (
    NOT_A_STRING_IN_12.some((test) => test.test(value)) &&
    !NOT_A_STRING_IN_11.some((test) => test.test(value))
  );
}
