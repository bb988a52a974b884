import "server-only";
import { createHash } from "node:crypto";
import { chmod, lstat, mkdir, mkdtemp, readFile, realpath, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../../errors/app-error";
import { SLUG_PATTERN } from "../../shared/project";
import type { GeneratedFile } from "../../../provisioning/render/generated-file";

/**
 * Everything that touches the projects folder. A project is first written to a staging folder inside
 * PROJECTS_DIR; only after every check passed is it moved into place. Nothing is ever written outside
 * PROJECTS_DIR, and nothing is written through a symbolic link.
 */

export const STAGING_PREFIX = ".staging-";
export const NEW_VERSION_SUFFIX = ".launchpad-new";

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

/** Writes the files into a new staging folder inside the projects folder and returns its path. */
export async function writeStaging(
  location: ProjectLocation,
  slug: string,
  files: GeneratedFile[],
  directories: string[],
): Promise<string> {
  let staging: string;
  try {
    staging = await mkdtemp(path.join(location.projectsRoot, `${STAGING_PREFIX}${slug}-`));
  } catch (error) {
    throw folderError(error, "write to the projects folder", location.projectsRoot);
  }
  try {
    for (const dir of directories) {
      assertInside(dir);
      await mkdir(path.join(staging, dir), { recursive: true });
    }
    for (const file of files) {
      assertInside(file.path);
      const destination = path.join(staging, file.path);
      await mkdir(path.dirname(destination), { recursive: true });
      await writeFile(destination, file.content, { mode: file.mode, flag: "wx" });
      await chmod(destination, file.mode); // the umask must not loosen .env's 0600 nor drop setup.sh's x bit
    }
    return staging;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error instanceof AppError) throw error;
    throw folderError(error, "write the project files", location.projectsRoot);
  }
}

const sha256 = (content: Buffer | string) => createHash("sha256").update(content).digest("hex");

/** The file hashes recorded by the last successful run, or null when there is no readable manifest. */
export async function readPreviousManifest(
  target: string,
  manifestFile: string,
): Promise<Record<string, string> | null> {
  try {
    const manifest = JSON.parse(await readFile(path.join(target, manifestFile), "utf8")) as {
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
}): Promise<{ keptAsNew: string[] }> {
  const { location, staging, files } = options;
  const existing = await lstat(location.target).catch(() => null);
  if (!existing) {
    await rename(staging, location.target);
    return { keptAsNew: [] };
  }
  const previous = (await readPreviousManifest(location.target, options.manifestFile)) ?? {};
  const keptAsNew: string[] = [];
  for (const dir of options.directories) await ensureRealDirectory(location.target, dir);
  for (const file of files) {
    await ensureRealDirectory(location.target, path.posix.dirname(file.path));
    const destination = path.join(location.target, file.path);
    const current = await lstat(destination).catch(() => null);
    if (current?.isSymbolicLink() || (current && !current.isFile())) {
      throw new AppError(
        "UNSAFE_PATH",
        `${file.path} in the project is not a regular file: remove it, then re-provision.`,
      );
    }
    if (current && file.path !== options.manifestFile) {
      const onDisk = sha256(await readFile(destination));
      const changedByUser = previous[file.path] !== onDisk;
      if (changedByUser && onDisk !== sha256(file.content)) {
        await rename(path.join(staging, file.path), `${destination}${NEW_VERSION_SUFFIX}`);
        keptAsNew.push(file.path);
        continue;
      }
    }
    await rename(path.join(staging, file.path), destination);
  }
  await rm(staging, { recursive: true, force: true });
  return { keptAsNew };
}

/** Creates `relative` inside the project folder, refusing to follow a link on the way. */
async function ensureRealDirectory(root: string, relative: string) {
  if (relative === "." || relative === "") return;
  let current = root;
  for (const part of relative.split("/")) {
    current = path.join(current, part);
    const stat = await lstat(current).catch(() => null);
    if (!stat) {
      await mkdir(current);
    } else if (!stat.isDirectory()) {
      throw new AppError(
        "UNSAFE_PATH",
        `${path.relative(root, current)} in the project is not a folder (or is a link).`,
      );
    }
  }
}

/** Removes a staging folder left by a failed run (and nothing else). */
export async function removeStaging(staging: string | undefined) {
  if (staging && path.basename(staging).startsWith(STAGING_PREFIX))
    await rm(staging, { recursive: true, force: true });
}
