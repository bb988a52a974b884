import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runCommand, tail, type Environment } from "./processes";
import { type Runner } from "./stacks";
import { PYTHON } from "./python/root";

/**
 * A backend's app copied out of its generated project and installed from its own manifest or
 * lockfile, in a temporary folder: nothing is shared with Launchpad or other apps but the npm cache.
 * Apps with the same content (the same backend, CSS and driver set) reuse one install; the content
 * hash decides.
 */
export type InstalledApp = {
  hash: string;
  dir: string;
  versions: Record<string, string>;
  remove(): Promise<void>;
};
export type StepFailure = { step: string; output: string };

export async function contentHash(dir: string): Promise<string> {
  const hash = createHash("sha256");
  const walk = async (relative: string) => {
    const entries = (await readdir(path.join(dir, relative), { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const entry of entries) {
      const name = path.join(relative, entry.name);
      if (entry.isDirectory()) await walk(name);
      else if (entry.isFile())
        hash
          .update(name)
          .update("\0")
          .update(await readFile(path.join(dir, name)))
          .update("\0");
    }
  };
  await walk("");
  return hash.digest("hex");
}

export function baseEnvironment(): Environment {
  const keep = [
    "PATH",
    "HOME",
    "LANG",
    "TMPDIR",
    "npm_config_cache",
    "NPM_CONFIG_CACHE",
    "LAUNCHPAD_PYTHON_ROOT",
  ];
  return Object.fromEntries(keep.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));
}

export async function installApp(
  sourceDir: string,
  runner: Runner,
  /** Steps setup.sh runs in the app before it starts (a starter's CSS build), run after the install. */
  setupSteps: { command: string[] }[] = [],
  /** inPlace: the source is already a private copy (a generated app); its owner removes it. */
  options: { inPlace?: boolean } = {},
): Promise<InstalledApp | StepFailure> {
  const hash = await contentHash(sourceDir);
  const dir = options.inPlace ? sourceDir : await mkdtemp(path.join(os.tmpdir(), "launchpad-verify-app-"));
  const remove = options.inPlace ? async () => {} : () => rm(dir, { recursive: true, force: true });
  // verbatimSymlinks: node_modules/.bin links stay relative, into this copy, not back into the source.
  if (!options.inPlace) await cp(sourceDir, dir, { recursive: true, verbatimSymlinks: true });
  for (const command of [...runner.install, ...setupSteps.map((step) => step.command)]) {
    const result = await runCommand(command, {
      cwd: dir,
      env: { ...baseEnvironment(), NEXT_TELEMETRY_DISABLED: "1", CI: "1" },
      timeoutMs: 600_000,
    });
    if (result.code !== 0) {
      await remove();
      return { step: command.join(" "), output: tail(result.output) };
    }
  }
  return { hash, dir, versions: await versions(dir, runner), remove };
}

/** Python distributions whose installed versions the report names (importlib.metadata). */
const PYTHON_DISTRIBUTIONS = [
  "Django",
  "dj-database-url",
  "django-cors-headers",
  "fastapi",
  "starlette",
  "uvicorn",
  "pydantic",
  "psycopg",
  "psycopg2",
  "PyMySQL",
  "cryptography",
  "pymongo",
];

/** The versions that really ran: installed npm packages, or the Debian Python packages importable. */
async function versions(dir: string, runner: Runner): Promise<Record<string, string>> {
  const found: Record<string, string> = { node: process.version };
  if (runner.toolchain === "node") {
    const manifest = JSON.parse(await readFile(path.join(dir, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
    };
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      const installed = JSON.parse(
        await readFile(path.join(dir, "node_modules", name, "package.json"), "utf8"),
      ) as { version: string };
      found[name] = installed.version;
    }
    return found;
  }
  delete found.node;
  const script = [
    "import json, sys",
    "from importlib import metadata",
    "out = {'python': sys.version.split()[0]}",
    "try:",
    "    out['debian'] = open('/etc/debian_version').read().strip()",
    "except OSError:",
    "    pass",
    `for name in ${JSON.stringify(PYTHON_DISTRIBUTIONS)}:`,
    "    try:",
    "        out[name] = metadata.version(name)",
    "    except metadata.PackageNotFoundError:",
    "        out[name] = 'missing'",
    "print(json.dumps(out))",
  ].join("\n");
  const result = await runCommand([PYTHON, "-c", script], {
    cwd: dir,
    env: baseEnvironment(),
    timeoutMs: 30_000,
  });
  try {
    return {
      ...found,
      ...(JSON.parse(result.output.trim().split("\n").pop() ?? "{}") as Record<string, string>),
    };
  } catch {
    return { ...found, python: `unknown (${tail(result.output, 3)})` };
  }
}
