import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import YAML from "yaml";
import { composeSchemaErrors } from "./compose-schema";
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
  const { dir, generated } = options;
  const passed: string[] = [];
  const scripts: ScriptResult[] = [];
  const read = (file: string) => readFile(path.join(dir, file), "utf8");

  const composePath = path.join(dir, "docker-compose.yml");
  const composeText = await read("docker-compose.yml");
  const schemaErrors = await composeSchemaErrors(composePath);
  if (schemaErrors.length > 0)
    return {
      passed,
      scripts,
      failure: `docker-compose.yml breaks the Compose Specification: ${schemaErrors.join("; ")}`,
    };
  passed.push("compose-schema");

  if (!isDeepStrictEqual(YAML.parse(composeText), generated.compose)) {
    return {
      passed,
      scripts,
      failure: "docker-compose.yml does not read back as the structure that was written.",
    };
  }
  passed.push("compose-structure");

  const env = parseEnvFile(await read(ENV_FILE));
  if (!isDeepStrictEqual(env, generated.env)) {
    return { passed, scripts, failure: ".env does not parse back to the values that were written." };
  }
  passed.push("env-roundtrip");

  const undefinedVariables = composeVariables(composeText).filter((name) => !(name in env));
  if (undefinedVariables.length > 0) {
    return {
      passed,
      scripts,
      failure: `docker-compose.yml uses variables that .env does not define: ${undefinedVariables.join(", ")}`,
    };
  }
  passed.push("compose-variables-defined");

  const manifest = JSON.parse(await read(MANIFEST_FILE)) as { files: Record<string, string> };
  for (const [file, expected] of Object.entries(manifest.files)) {
    const actual = createHash("sha256")
      .update(await readFile(path.join(dir, file)))
      .digest("hex");
    if (actual !== expected)
      return { passed, scripts, failure: `${file} does not match its hash in ${MANIFEST_FILE}.` };
  }
  passed.push("manifest-hashes");

  // setup.sh depends only on the stack and Launchpad's templates, so the same content comes back
  // often; shellcheck (most of a run's time) needs to judge each content once per process.
  const setupHash = createHash("sha256")
    .update(await read("setup.sh"))
    .digest("hex");
  const alreadyChecked = shellcheckedContents.has(setupHash);
  const shell = await runProvisioningScript({
    script: "check-shell-script.sh",
    args: alreadyChecked ? ["--syntax-only", "setup.sh"] : ["setup.sh"],
    cwd: dir,
    timeoutMs: options.timeoutMs,
    env: options.shellcheck ? { SHELLCHECK: options.shellcheck } : {},
  });
  scripts.push(shell);
  if (shell.timedOut) {
    return { passed, scripts, failure: timeoutMessage(options.timeoutMs) };
  }
  if (!shell.ok) return { passed, scripts, failure: "setup.sh did not pass bash -n and shellcheck." };
  const shellchecked = alreadyChecked || /shellcheck: ok/.test(shell.output);
  if (shellchecked) shellcheckedContents.add(setupHash);
  passed.push(shellchecked ? "setup-script-shellcheck" : "setup-script-syntax");

  return { passed, scripts, failure: null };
}
