import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import YAML from "yaml";
import { composeDocumentErrors } from "./compose-schema";
import { parseEnvFile } from "./env-file";
import { ENV_FILE, MANIFEST_FILE, type ProjectFiles } from "./project-files";
import { runProvisioningScript, type ScriptResult } from "./run-script";

/**
 * The checks every generated project must pass before it is moved into place. They read the files
 * back from disk, as the user's tools will, and compare them with what was meant to be written.
 */
export type CheckOutcome = { passed: string[]; scripts: ScriptResult[]; failure: string | null };

/** Compose interpolates ${NAME}, ${NAME:-default} and friends; $${...} is a literal dollar. */
const COMPOSE_VARIABLE = /(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?+-][^}]*)?\}/g;

export function composeVariables(text: string): string[] {
  return [...new Set([...text.matchAll(COMPOSE_VARIABLE)].map((match) => match[1] ?? ""))];
}

/** "<shellcheck program>\0<sha256 of setup.sh>" for every content a shellcheck program has passed. */
const shellcheckedContents = new Set<string>();

/** "Provisioning timed out after 300 s" (the product owner's wording), to the millisecond when shorter. */
export function timeoutMessage(timeoutMs: number): string {
  return `Provisioning timed out after ${Number((timeoutMs / 1000).toFixed(3))} s`;
}

export async function verifyProject(options: {
  dir: string;
  generated: ProjectFiles;
  timeoutMs: number;
  shellcheck?: string;
}): Promise<CheckOutcome> {
  // The script runs in its own process while the file checks run here: neither waits for the other.
  const [files, shell] = await Promise.all([
    checkFiles(options.dir, options.generated),
    checkSetupScript(options),
  ]);
  return {
    passed: [...files.passed, ...shell.passed],
    scripts: [shell.script],
    failure: files.failure ?? shell.failure,
  };
}

type PartialOutcome = { passed: string[]; failure: string | null };

/** Compose schema and structure, .env round trip, variables, manifest hashes: read back from disk. */
async function checkFiles(dir: string, generated: ProjectFiles): Promise<PartialOutcome> {
  const passed: string[] = [];
  const read = (file: string) => readFile(path.join(dir, file), "utf8");
  const fail = (failure: string) => ({ passed, failure });

  const composeText = await read("docker-compose.yml");
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

  const env = parseEnvFile(await read(ENV_FILE));
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
  for (const [file, expected] of Object.entries(manifest.files)) {
    const actual = createHash("sha256")
      .update(await readFile(path.join(dir, file)))
      .digest("hex");
    if (actual !== expected) return fail(`${file} does not match its hash in ${MANIFEST_FILE}.`);
  }
  passed.push("manifest-hashes");
  return { passed, failure: null };
}

/**
 * bash -n and shellcheck on setup.sh, through provisioning/scripts/check-shell-script.sh. setup.sh
 * depends only on the stack and Launchpad's templates, so the same content comes back often;
 * shellcheck (most of a run's time) needs to judge each content once per process.
 */
async function checkSetupScript(options: {
  dir: string;
  timeoutMs: number;
  shellcheck?: string;
}): Promise<PartialOutcome & { script: ScriptResult }> {
  const setupHash = createHash("sha256")
    .update(await readFile(path.join(options.dir, "setup.sh")))
    .digest("hex");
  // A verdict belongs to the program that gave it: another shellcheck judges the content afresh.
  const cacheKey = `${options.shellcheck ?? "shellcheck"}\0${setupHash}`;
  const alreadyChecked = shellcheckedContents.has(cacheKey);
  const script = await runProvisioningScript({
    script: "check-shell-script.sh",
    args: alreadyChecked ? ["--syntax-only", "setup.sh"] : ["setup.sh"],
    cwd: options.dir,
    timeoutMs: options.timeoutMs,
    env: options.shellcheck ? { SHELLCHECK: options.shellcheck } : {},
  });
  if (script.timedOut) return { passed: [], failure: timeoutMessage(options.timeoutMs), script };
  if (!script.ok) return { passed: [], failure: "setup.sh did not pass bash -n and shellcheck.", script };
  const shellchecked = alreadyChecked || /shellcheck: ok/.test(script.output);
  if (shellchecked) shellcheckedContents.add(cacheKey);
  return {
    passed: [shellchecked ? "setup-script-shellcheck" : "setup-script-syntax"],
    failure: null,
    script,
  };
}
