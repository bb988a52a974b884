import { DCLinter } from "dclint";

/**
 * Validates a docker-compose file against the Compose Specification JSON schema that dclint bundles,
 * offline. Style advice (key order and the like) is not our concern here: only schema errors count.
 * Returns the schema errors; an empty list means the file is valid.
 */
export function composeSchemaErrors(filePath: string): string[] {
  const linter = new DCLinter({ rules: {}, quiet: true, debug: false, exclude: [] });
  const [result] = linter.lintFiles([filePath], false);
  return (result?.messages ?? [])
    .filter((message) => message.rule === "invalid-schema" || message.type === "error")
    .map((message) => message.message);
}
