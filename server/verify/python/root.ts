import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { debianMirror } from "../debian-mirror";
import { runCommand, tail } from "../processes";

/**
 * The Python that verify:stacks boots the generated Python backends with. The Python package index
 * cannot be reached here, so the pinned requirements cannot be installed; Debian's packages stand in.
 * Debian 13's are much closer to the pins than this machine's Debian 12 (Django 4.2 against 3.2 for
 * the pinned 5.2, FastAPI 0.115.11 against 0.92 for 0.115.12, psycopg and PyMySQL exactly the pins:
 * decision 024), so they are installed into a Debian 13 root made by debootstrap, kept between runs,
 * and python-in-root.sh runs python3 inside it.
 */
export const PYTHON_ROOT_RELEASE = "trixie";

/** What the starters import (requirements.txt of django and fastapi), as Debian packages. */
export const PYTHON_ROOT_PACKAGES = [
  "python3-django",
  "python3-dj-database-url",
  "python3-django-cors-headers",
  "python3-fastapi",
  "python3-uvicorn",
  "python3-psycopg",
  "python3-psycopg2",
  "python3-pymysql",
  "python3-cryptography",
];

/** The wrapper every Python command of verify:stacks runs through (VERIFY_PYTHON replaces it). */
export const PYTHON = process.env.VERIFY_PYTHON ?? path.resolve("server/verify/python/python-in-root.sh");

export function pythonRootDir(): string {
  return (
    process.env.LAUNCHPAD_PYTHON_ROOT ??
    path.join(os.homedir(), ".cache", "launchpad", `python-root-${PYTHON_ROOT_RELEASE}`)
  );
}

/** The stamp a finished root carries: a root built for another package list is built again. */
const STAMP = ".launchpad-python-root";
const stampText = () => `${PYTHON_ROOT_RELEASE}\n${PYTHON_ROOT_PACKAGES.join("\n")}\n`;

const buildEnvironment = () => ({
  PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  DEBIAN_FRONTEND: "noninteractive",
  LANG: "C.UTF-8",
});

async function must(command: string[], what: string, timeoutMs: number): Promise<void> {
  const result = await runCommand(command, { cwd: "/", env: buildEnvironment(), timeoutMs });
  if (result.code !== 0)
    throw new Error(`${what} failed${result.timedOut ? " (timed out)" : ""}:\n${tail(result.output, 20)}`);
}

/** debootstrap, then apt inside the root (debootstrap's own --include cannot resolve virtual packages). */
async function buildRoot(dir: string, log: (line: string) => void): Promise<void> {
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(path.dirname(dir), { recursive: true });
  log(`debootstrap ${PYTHON_ROOT_RELEASE} (minbase) for Debian's Python packages`);
  await must(
    ["debootstrap", "--variant=minbase", PYTHON_ROOT_RELEASE, partial, debianMirror()],
    "debootstrap",
    900_000,
  );
  await writeFile(path.join(partial, "etc", "resolv.conf"), await readFile("/etc/resolv.conf"));
  log(`apt-get install ${PYTHON_ROOT_PACKAGES.join(" ")}`);
  const install = [
    "apt-get update -qq",
    `apt-get install -y -qq --no-install-recommends ${PYTHON_ROOT_PACKAGES.join(" ")}`,
    "apt-get clean",
  ].join(" && ");
  await must(
    [
      "unshare",
      "--mount",
      "--propagation",
      "private",
      "sh",
      "-c",
      'mount --rbind /dev "$0/dev" && mount -t proc proc "$0/proc" && exec chroot "$0" sh -c "$1"',
      partial,
      install,
    ],
    "apt-get install in the Python root",
    900_000,
  );
  await writeFile(path.join(partial, STAMP), stampText());
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
}

/** Why no root can be built here, or null. */
function cannotBuild(): string | null {
  if (process.getuid?.() !== 0) return "building it needs root (debootstrap, chroot)";
  for (const tool of ["/usr/sbin/debootstrap", "/usr/bin/unshare", "/usr/sbin/chroot"])
    if (!existsSync(tool)) return `${tool} is missing (.ci/install-docker.sh installs debootstrap)`;
  return null;
}

/**
 * Makes the Debian 13 root ready (built once, about a minute) and points python-in-root.sh at it.
 * Gives what ran instead when it cannot: this machine's /usr/bin/python3, and why.
 */
export async function preparePythonRoot(log: (line: string) => void): Promise<{ fallback: string | null }> {
  if (process.env.VERIFY_PYTHON) return { fallback: `VERIFY_PYTHON=${process.env.VERIFY_PYTHON}` };
  const dir = pythonRootDir();
  const stamp = await readFile(path.join(dir, STAMP), "utf8").catch(() => null);
  if (stamp !== stampText()) {
    const problem = cannotBuild();
    if (problem) {
      delete process.env.LAUNCHPAD_PYTHON_ROOT;
      return { fallback: `no Debian ${PYTHON_ROOT_RELEASE} root for Python: ${problem}` };
    }
    await buildRoot(dir, log);
  }
  process.env.LAUNCHPAD_PYTHON_ROOT = dir;
  return { fallback: null };
}
