import { statfs } from "node:fs/promises";
import { baseEnvironment } from "../install";
import { runCommand, type Finished } from "../processes";

/**
 * The Docker engine as verify:docker uses it: whether it can run here at all, its disk, and the
 * clean-up of what one stack made. Every command runs with the same small environment as the checks.
 */
export const MIN_FREE_GB = Number(process.env.VERIFY_DOCKER_MIN_FREE_GB ?? 15);
/** Build cache above this is pruned after each stack (it grows by the apps' npm installs). */
export const BUILD_CACHE_CAP_GB = Number(process.env.VERIFY_DOCKER_BUILD_CACHE_GB ?? 6);

export function dockerEnvironment() {
  return { ...baseEnvironment(), DOCKER_CLI_HINTS: "false", BUILDKIT_PROGRESS: "plain" };
}

export function docker(args: string[], timeoutMs = 120_000, cwd = "/"): Promise<Finished> {
  return runCommand(["docker", ...args], { cwd, env: dockerEnvironment(), timeoutMs });
}

/** Why no generated project can be run with Docker here, or null. */
export async function engineProblem(): Promise<string | null> {
  const client = await docker(["version", "--format", "{{.Client.Version}}"], 15_000);
  if (client.code === null) return "no docker command (bash .ci/install-docker.sh installs one)";
  const info = await docker(["info", "--format", "{{.ServerVersion}}"], 15_000);
  if (info.code !== 0) return "no Docker engine is running (bash .ci/install-docker.sh starts one)";
  const compose = await docker(["compose", "version", "--short"], 15_000);
  if (compose.code !== 0)
    return "the Docker Compose v2 plugin is missing (bash .ci/install-docker.sh adds it)";
  const debootstrap = await runCommand(["sh", "-c", "command -v debootstrap"], {
    cwd: "/",
    env: dockerEnvironment(),
    timeoutMs: 5_000,
  });
  if (debootstrap.code !== 0) return "debootstrap is missing (apt-get install debootstrap)";
  return null;
}

export async function dockerRootDir(): Promise<string> {
  const result = await docker(["info", "--format", "{{.DockerRootDir}}"], 15_000);
  return result.output.trim() || "/var/lib/docker";
}

export async function freeGigabytes(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return Math.round(((stats.bavail * stats.bsize) / 1e9) * 10) / 10;
}

/** Gigabytes Docker holds: images, containers, volumes and build cache. */
export async function dockerDiskUse(): Promise<number> {
  const result = await docker(["system", "df", "--format", "{{.Size}}"], 60_000);
  let total = 0;
  for (const line of result.output.trim().split("\n")) {
    const match = /([\d.]+)\s*([kMGT]?B)/.exec(line);
    if (!match) continue;
    const factor = { B: 1e-9, kB: 1e-6, MB: 1e-3, GB: 1, TB: 1e3 }[match[2]!] ?? 0;
    total += Number(match[1]) * factor;
  }
  return Math.round(total * 10) / 10;
}

/** Volumes no container uses. */
export async function unusedVolumes(): Promise<string[]> {
  const result = await docker(["volume", "ls", "--quiet", "--filter", "dangling=true"]);
  return result.output.split("\n").filter(Boolean);
}

export async function volumeNames(): Promise<Set<string>> {
  const result = await docker(["volume", "ls", "--quiet"]);
  return new Set(result.output.split("\n").filter(Boolean));
}

/**
 * Everything one project made: its containers, volumes, networks, built images and toolchain images.
 * `volumesBefore` (the engine's volumes before the project started) tells the anonymous volumes it
 * made, which carry no project label: any that are left unused are removed too.
 */
export async function removeProject(
  projectDir: string,
  projectName: string,
  volumesBefore: Set<string>,
): Promise<void> {
  await docker(
    ["compose", "down", "--volumes", "--remove-orphans", "--rmi", "local", "--timeout", "5"],
    300_000,
    projectDir,
  );
  const images = await docker(["images", "--quiet", "--filter", `reference=${projectName}-*`]);
  const ids = [...new Set(images.output.split("\n").filter(Boolean))];
  if (ids.length > 0) await docker(["image", "rm", "--force", ...ids], 120_000);
  await docker(["image", "prune", "--force"], 120_000);
  const made = (await unusedVolumes()).filter((name) => !volumesBefore.has(name));
  if (made.length > 0) await docker(["volume", "rm", ...made], 120_000);
}

export async function pruneBuildCache(): Promise<void> {
  await docker(["builder", "prune", "--force", "--keep-storage", `${BUILD_CACHE_CAP_GB}GB`], 300_000);
}

/** Removes what an interrupted earlier run left: every compose project whose name starts with `prefix`. */
export async function removeLeftoverProjects(prefix: string): Promise<void> {
  const names = new Set<string>();
  for (const kind of [
    ["ps", "--all"],
    ["volume", "ls"],
    ["network", "ls"],
  ]) {
    const result = await docker([...kind, "--format", '{{.Label "com.docker.compose.project"}}']);
    for (const name of result.output.split("\n")) if (name.startsWith(prefix)) names.add(name.trim());
  }
  for (const name of names) {
    await docker(
      ["compose", "--project-name", name, "down", "--volumes", "--remove-orphans", "--timeout", "5"],
      300_000,
    );
    const images = await docker(["images", "--quiet", "--filter", `reference=${name}-*`]);
    const ids = [...new Set(images.output.split("\n").filter(Boolean))];
    if (ids.length > 0) await docker(["image", "rm", "--force", ...ids], 120_000);
  }
}
