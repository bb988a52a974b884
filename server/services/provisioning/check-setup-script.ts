import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sha256 } from "../../../provisioning/render/render-manifest";
import { runProvisioningScript, type ScriptResult } from "./run-script";

/**
 * bash -n and shellcheck on a staged setup.sh, through provisioning/scripts/check-shell-script.sh
 * (run by execa: no shell, clean environment, its own process group, a timeout).
 *
 * Both verdicts are pure functions of the file's bytes and the checking program. setup.sh depends
 * only on the stack and Launchpad's templates, so the same content comes back for every project with
 * that stack: a content a given shellcheck passed is not checked again in this process. The hash is
 * taken of the staged file as it is on disk, so a verdict is only ever reused for the same bytes.
 */
const passedContents = new Set<string>();

export type ScriptCheck = { passed: string[]; failure: string | null; script: ScriptResult | null };

/** "Provisioning timed out after 300 s" (the product owner's wording), to the millisecond when shorter. */
export function timeoutMessage(timeoutMs: number): string {
  return `Provisioning timed out after ${Number((timeoutMs / 1000).toFixed(3))} s`;
}

export async function checkSetupScript(options: {
  dir: string;
  timeoutMs: number;
  shellcheck?: string;
}): Promise<ScriptCheck> {
  const content = await readFile(path.join(options.dir, "setup.sh"));
  // A verdict belongs to the program that gave it: another shellcheck judges the content afresh.
  const verdictKey = `${options.shellcheck ?? "shellcheck"}\0${sha256(content)}`;
  if (passedContents.has(verdictKey)) {
    return { passed: ["setup-script-syntax", "setup-script-shellcheck"], failure: null, script: null };
  }
  const script = await runProvisioningScript({
    script: "check-shell-script.sh",
    args: ["setup.sh"],
    cwd: options.dir,
    timeoutMs: options.timeoutMs,
    env: options.shellcheck ? { SHELLCHECK: options.shellcheck } : {},
  });
  if (script.timedOut) return { passed: [], failure: timeoutMessage(options.timeoutMs), script };
  if (!script.ok) return { passed: [], failure: "setup.sh did not pass bash -n and shellcheck.", script };
  // Without shellcheck installed the script only runs bash -n: that verdict is not kept.
  const shellchecked = /shellcheck: ok/.test(script.output);
  if (shellchecked) passedContents.add(verdictKey);
  return {
    passed: shellchecked ? ["setup-script-syntax", "setup-script-shellcheck"] : ["setup-script-syntax"],
    failure: null,
    script,
  };
}
