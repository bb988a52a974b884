import "server-only";
import { createHash } from "node:crypto";
import { lstat, mkdir, realpath, rm } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../../errors/app-error";
import { NEW_VERSION_SUFFIX } from "../../shared/project";
import { ContainedDir, renameBetween, UnsafePathError } from "../../security/contained-dir";
import { SLUG_PATTERN } from "../../shared/project";
import type { GeneratedFile } from "../../../provisioning/render/generated-file";

/**
 * Everything that touches the projects folder. A project is first written to a staging folder inside
 * PROJECTS_DIR; only after every check passed is it moved into place. Nothing is ever written outside
 * PROJECTS_DIR, and nothing is written through a symbolic link: every write goes through folders
 * opened one name at a time, links refused, and used by descriptor (security/contained-dir.ts), so a
 * folder swapped for a link during a run cannot redirect it.
 */

export const STAGING_PREFIX = ".staging-";

/** The run a staging folder belongs to (writeStaging names it), or null for a folder of older releases. */
export function stagingRunId(name: string): string | null {
  if (!name.startsWith(STAGING_PREFIX)) return null;
  return (
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=-)/.exec(
      name.slice(STAGING_PREFIX.length),
    )?.[0] ?? null
  );
}
export { NEW_VERSION_SUFFIX };

export type ProjectLocation = { projectsRoot: string; target: string };

/** Where `slug`'s folder goes. Refuses a slug that is not a plain folder name and anything in the way. */
export async function locateProjectFolder(projectsDir: string, slug: string): Promise<ProjectLocation> {
  if (!SLUG_PATTERN.test(slug)) throw new AppError("UNSAFE_PATH", `"${slug}" is not a safe folder name.`);
  try {
    await mkdir(projectsDir, { recursive: true });
  } catch (error) {
    throw folderError(error, "create the projects folder", projectsDir);
  }
  const projectsRoot = await realpath(projectsDir);
  const target = path.join(projectsRoot, slug);
  if (path.dirname(target) !== projectsRoot)
    throw new AppError("UNSAFE_PATH", `"${slug}" leaves the projects folder.`);
  const existing = await lstat(target).catch(() => null);
  if (existing?.isSymbolicLink()) {
    throw new AppError(
      "UNSAFE_PATH",
      `projects/${slug} is a symbolic link. Launchpad does not write through links: remove it, then re-provision.`,
    );
  }
  if (existing && !existing.isDirectory()) {
    throw new AppError(
      "UNSAFE_PATH",
      `A file named projects/${slug} is in the way: move it, then re-provision.`,
    );
  }
  return { projectsRoot, target };
}

/** Turns a filesystem error into a sentence that says what could not be done and why. */
export function folderError(error: unknown, action: string, where: string): AppError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === "EACCES" || code === "EPERM"
      ? "permission denied"
      : code === "ENOSPC"
        ? "the disk is full"
        : code === "EROFS"
          ? "the file system is read-only"
          : code === "ENOTDIR"
            ? "a file is where a folder should be"
            : "the file system refused";
  return new AppError("PROVISIONING_FAILED", `Could not ${action} (${where}): ${why}.`, {}, { cause: error });
}

/** A relative path inside the project: no absolute paths, no "..", no empty parts. */
function assertInside(relative: string) {
  const parts = relative.split("/");
  if (path.isAbsolute(relative) || parts.some((part) => part === "" || part === "." || part === "..")) {
    throw new AppError(
      "UNSAFE_PATH",
      `Refusing to write ${JSON.stringify(relative)}: not a path inside the project.`,
    );
  }
}

/**
 * Writes the files into a new staging folder inside the projects folder and returns its path. The
 * folder's name starts with the run's id, so that recovery removes only folders of runs that ended.
 */
export async function writeStaging(
  location: ProjectLocation,
  slug: string,
  files: GeneratedFile[],
  directories: string[],
  runId: string,
): Promise<string> {
  let root: ContainedDir;
  let stagingName: string;
  try {
    root = await ContainedDir.openRoot(location.projectsRoot);
    stagingName = await root.makeTempDir(`${STAGING_PREFIX}${runId}-${slug}-`);
  } catch (error) {
    throw folderError(error, "write to the projects folder", location.projectsRoot);
  }
  const staging = path.join(location.projectsRoot, stagingName);
  const opened = new Map<string, ContainedDir>();
  try {
    opened.set(".", await root.openDir(stagingName));
    // Each folder is opened once, from its already opened parent (links refused at every step);
    // then the files are written side by side through their folders' descriptors.
    for (const relative of [...directories, ...files.map((file) => file.path)]) assertInside(relative);
    for (const relative of [...directories, ...files.map((file) => path.posix.dirname(file.path))]) {
      await openFolder(opened, relative);
    }
    await Promise.all(
      files.map((file) =>
        opened
          .get(path.posix.dirname(file.path))!
          .writeFile(path.posix.basename(file.path), file.content, file.mode),
      ),
    );
    return staging;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error instanceof AppError) throw error;
    if (error instanceof UnsafePathError) throw new AppError("UNSAFE_PATH", error.message);
    throw folderError(error, "write the project files", location.projectsRoot);
  } finally {
    await Promise.all([...opened.values()].map((dir) => dir.close()));
    await root.close();
  }
}

/** Opens (creating) the staging sub-folder `relative` and its parents, each once. */
async function openFolder(opened: Map<string, ContainedDir>, relative: string): Promise<ContainedDir> {
  const known = opened.get(relative);
  if (known) return known;
  const parent = await openFolder(opened, path.posix.dirname(relative));
  const dir = await parent.openDir(path.posix.basename(relative), { create: true });
  opened.set(relative, dir);
  return dir;
}

const sha256 = (content: Buffer | string) => createHash("sha256").update(content).digest("hex");

/** The file hashes recorded by the last successful run, or null when there is no readable manifest. */
export async function readPreviousManifest(
  target: string,
  manifestFile: string,
): Promise<Record<string, string> | null> {
  const dir = await ContainedDir.openRoot(target).catch(() => null);
  if (!dir) return null;
  return readManifestIn(dir, manifestFile).finally(() => dir.close());
}

async function readManifestIn(
  dir: ContainedDir,
  manifestFile: string,
): Promise<Record<string, string> | null> {
  try {
    const manifest = JSON.parse((await dir.readFile(manifestFile)).toString("utf8")) as {
      files?: unknown;
    };
    const files = manifest.files;
    if (files && typeof files === "object") return files as Record<string, string>;
  } catch {
    // Missing or unreadable: every existing file then counts as the user's own.
  }
  return null;
}

/**
 * Moves the staged project into place. A first provisioning is one rename of the whole folder. A
 * re-provision keeps the user's work: files the user changed since the last run (their hash differs
 * from the manifest), and files Launchpad did not write, stay as they are and the new version is put
 * beside them as `<file>.launchpad-new`. Returns the paths kept that way.
 */
export async function commitStaging(options: {
  location: ProjectLocation;
  staging: string;
  files: GeneratedFile[];
  directories: string[];
  manifestFile: string;
}): Promise<{ keptAsNew: string[]; createdFolder: boolean }> {
  const { location, staging } = options;
  const slug = path.basename(location.target);
  const stagingName = path.basename(staging);
  const root = await ContainedDir.openRoot(location.projectsRoot);
  try {
    if (!(await root.lstat(slug))) {
      // rename(2) does not follow a link put at the target meanwhile: it fails instead.
      await renameBetween(root, stagingName, root, slug);
      return { keptAsNew: [], createdFolder: true };
    }
    const target = await root.openDir(slug);
    const stagingDir = await root.openDir(stagingName);
    try {
      const keptAsNew = await replaceFiles({ ...options, target, stagingDir });
      await rm(staging, { recursive: true, force: true });
      return { keptAsNew, createdFolder: false };
    } finally {
      await target.close();
      await stagingDir.close();
    }
  } catch (error) {
    if (error instanceof UnsafePathError) throw new AppError("UNSAFE_PATH", unsafeMessage(error, location));
    if (error instanceof AppError) throw error;
    // A refusal of the file system (an immutable or read-only folder, a full disk) says what and why.
    if (typeof (error as NodeJS.ErrnoException).code === "string") {
      throw folderError(error, "move the files into the project folder", location.target);
    }
    throw error;
  } finally {
    await root.close();
  }
}

function unsafeMessage(error: UnsafePathError, location: ProjectLocation): string {
  return `${error.message.replaceAll(location.projectsRoot + path.sep, "projects/")} Remove it, then re-provision.`;
}

/** Moves each staged file over the project's, file by file, inside folders opened without links. */
async function replaceFiles(options: {
  target: ContainedDir;
  stagingDir: ContainedDir;
  files: GeneratedFile[];
  directories: string[];
  manifestFile: string;
}): Promise<string[]> {
  const { target, stagingDir, files } = options;
  const previous = (await readManifestIn(target, options.manifestFile)) ?? {};
  const keptAsNew: string[] = [];
  for (const dir of options.directories) await (await target.openPath(dir, { create: true })).close();
  for (const file of files) {
    const folder = path.posix.dirname(file.path);
    const name = path.posix.basename(file.path);
    const destination = await target.openPath(folder, { create: true });
    const source = await stagingDir.openPath(folder);
    try {
      const current = await destination.lstat(name);
      if (current?.isSymbolicLink() || (current && !current.isFile())) {
        throw new AppError(
          "UNSAFE_PATH",
          `${file.path} in the project is not a regular file: remove it, then re-provision.`,
        );
      }
      if (current && file.path !== options.manifestFile) {
        const onDisk = sha256(await destination.readFile(name));
        const changedByUser = previous[file.path] !== onDisk;
        if (changedByUser && onDisk !== sha256(file.content)) {
          await renameBetween(source, name, destination, `${name}${NEW_VERSION_SUFFIX}`);
          keptAsNew.push(file.path);
          continue;
        }
      }
      await renameBetween(source, name, destination, name);
    } finally {
      await destination.close();
      await source.close();
    }
  }
  return keptAsNew;
}

/** Removes a staging folder left by a failed run (and nothing else). */
export async function removeStaging(staging: string | undefined) {
  if (staging && path.basename(staging).startsWith(STAGING_PREFIX))
    await rm(staging, { recursive: true, force: true });
}
