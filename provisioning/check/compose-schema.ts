import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import YAML from "yaml";

/**
 * Validates docker-compose files against the Compose Specification JSON schema, offline. The schema
 * is the one the dclint package keeps current; it is compiled once per process with ajv, because
 * compiling it costs far more than validating a file.
 */
let validator: ValidateFunction | undefined;

function composeValidator(): ValidateFunction {
  if (!validator) {
    // Resolved from the working directory (the repository root), like provisioning/: inside the Next.js
    // bundle require.resolve would give a module id, not a path.
    const schemaPath = path.resolve("node_modules", "dclint", "schemas", "compose.schema.json");
    const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as object;
    // The schema names draft-07 by an https address ajv does not know; its own syntax is not in doubt.
    validator = new Ajv({
      strict: false,
      validateSchema: false,
      validateFormats: false,
      allErrors: true,
    }).compile(schema);
  }
  return validator;
}

/** Compiles the validator now rather than in the first provisioning run (about 200 ms). */
export function prepareComposeValidator(): void {
  composeValidator();
}

/** The schema errors of a parsed compose document; an empty list means it is valid. */
export function composeDocumentErrors(document: unknown): string[] {
  const validate = composeValidator();
  if (validate(document)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || "/"} ${error.message ?? "is invalid"}`,
  );
}

/** The schema errors of a docker-compose file on disk (YAML that does not parse is an error too). */
export async function composeSchemaErrors(filePath: string): Promise<string[]> {
  let document: unknown;
  try {
    document = YAML.parse(await readFile(filePath, "utf8"));
  } catch (error) {
    return [`not valid YAML: ${(error as Error).message}`];
  }
  return composeDocumentErrors(document);
}
