import { readFile } from "node:fs/promises";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import YAML from "yaml";
import { ENV_FILE } from "../plan/contribute-app";
import type { ProjectFiles } from "../render/build-project-files";
import { parseEnvFile } from "../render/env-file";
import { MANIFEST_FILE, sha256 } from "../render/render-manifest";
import { composeDocumentErrors } from "./compose-schema";

/**
 * The file checks every generated project passes before it is moved into place. They read the files
 * back from disk, as the user's tools will, and compare them with what was meant to be written.
 */
export type CheckOutcome = { passed: string[]; failure: string | null };

/** Compose interpolates ${NAME}, ${NAME:-default} and friends; $${...} is a literal dollar. */
const COMPOSE_VARIABLE = /(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[?+-][^}]*)?\}/g;

/** The variables a compose file needs defined: those without a default (`${NAME:-default}`). */
export function composeVariables(text: string): string[] {
  const required = [...text.matchAll(COMPOSE_VARIABLE)].filter((match) => !match[2]?.match(/^:?-/));
  return [...new Set(required.map((match) => match[1] ?? ""))];
}

/** Compose schema and structure, .env round trip, variables defined, manifest hashes. */
export async function checkProjectFiles(dir: string, generated: ProjectFiles): Promise<CheckOutcome> {
  const passed: string[] = [];
  const read = (file: string) => readFile(path.join(dir, file), "utf8");
  const fail = (failure: string) => ({ passed, failure });

  const [composeText, envText] = await Promise.all([read("docker-compose.yml"), read(ENV_FILE)]);
  let compose: unknown;
  try {
    compose = YAML.parse(composeText);
  } catch {
    return fail("docker-compose.yml is not valid YAML.");
  }
  const schemaErrors = composeDocumentErrors(compose);
  if (schemaErrors.length > 0) {
    return fail(`docker-compose.yml breaks the Compose Specification: ${schemaErrors.join("; ")}`);
  }
  passed.push("compose-schema");

  if (!isDeepStrictEqual(compose, generated.compose)) {
    return fail("docker-compose.yml does not read back as the structure that was written.");
  }
  passed.push("compose-structure");

  const env = parseEnvFile(envText);
  if (!isDeepStrictEqual(env, generated.env))
    return fail(".env does not parse back to the values that were written.");
  passed.push("env-roundtrip");

  const undefinedVariables = composeVariables(composeText).filter((name) => !(name in env));
  if (undefinedVariables.length > 0) {
    return fail(
      `docker-compose.yml uses variables that .env does not define: ${undefinedVariables.join(", ")}`,
    );
  }
  passed.push("compose-variables-defined");

  const manifest = JSON.parse(await read(MANIFEST_FILE)) as { files: Record<string, string> };
  const hashes = await Promise.all(
    Object.keys(manifest.files).map(async (file) => sha256(await readFile(path.join(dir, file)))),
  );
  const mismatch = Object.entries(manifest.files).find(([, expected], index) => hashes[index] !== expected);
  if (mismatch) return fail(`${mismatch[0]} does not match its hash in ${MANIFEST_FILE}.`);
  passed.push("manifest-hashes");
  return { passed, failure: null };
}
