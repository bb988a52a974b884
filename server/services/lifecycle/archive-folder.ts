import "server-only";
import { mkdir, realpath } from "node:fs/promises";
import { execa } from "execa";
import { AppError } from "../../errors/app-error";
import { ContainedDir, renameBetween, UnsafePathError } from "../../security/contained-dir";
import { ARCHIVE_FOLDER } from "../../shared/project-lifecycle";
import { SLUG_PATTERN } from "../../shared/project";
import { folderError } from "../provisioning/project-folder";

/**
 * Moves a project's folder between PROJECTS_DIR/<slug> and PROJECTS_DIR/.archive/<slug>, and removes
 * it from the archive for good. Every move is one rename(2) of the whole folder through opened
 * folders (security/contained-dir.ts): a link is never followed, nothing outside PROJECTS_DIR is
 * touched, and a move either happened or did not. Each one is checked afterwards, and each is
 * idempotent, so that a retry after a failure later in the same operation goes on where it stopped.
 */

/** Where a project's folder is now. */
export type FolderPlace = "projects" | "archive" | "none";

type Opened = { root: ContainedDir; archive: ContainedDir };

/** Opens PROJECTS_DIR and its .archive folder (created on first use), refusing links. */
async function openFolders(projectsDir: string, slug: string): Promise<Opened> {
  if (!SLUG_PATTERN.test(slug)) throw new AppError("UNSAFE_PATH", `"${slug}" is not a safe folder name.`);
  let root: ContainedDir;
  try {
    await mkdir(projectsDir, { recursive: true });
    root = await ContainedDir.openRoot(await realpath(projectsDir));
  } catch (error) {
    throw folderError(error, "open the projects folder", "projects");
  }
  try {
    return { root, archive: await root.openDir(ARCHIVE_FOLDER, { create: true }) };
  } catch (error) {
    await root.close();
    if (error instanceof UnsafePathError) throw new AppError("UNSAFE_PATH", error.message);
    throw folderError(error, "open the archive folder", `projects/${ARCHIVE_FOLDER}`);
  }
}

async function withFolders<T>(projectsDir: string, slug: string, work: (opened: Opened) => Promise<T>) {
  const opened = await openFolders(projectsDir, slug);
  try {
    return await work(opened);
  } catch (error) {
    if (error instanceof UnsafePathError) throw new AppError("UNSAFE_PATH", error.message);
    throw error;
  } finally {
    await opened.archive.close();
    await opened.root.close();
  }
}

/** Which of the two places holds the folder; a link, a file, or a folder in both places is refused. */
async function placeOf({ root, archive }: Opened, slug: string): Promise<FolderPlace> {
  const [inProjects, inArchive] = await Promise.all([root.lstat(slug), archive.lstat(slug)]);
  for (const [entry, where] of [
    [inProjects, `projects/${slug}`],
    [inArchive, `projects/${ARCHIVE_FOLDER}/${slug}`],
  ] as const) {
    if (entry && !entry.isDirectory()) {
      throw new AppError(
        "UNSAFE_PATH",
        `${where} is ${entry.isSymbolicLink() ? "a symbolic link" : "not a folder"}: Launchpad does not move it. Remove it, then try again.`,
      );
    }
  }
  if (inProjects && inArchive) {
    throw new AppError(
      "UNSAFE_PATH",
      `Both projects/${slug} and projects/${ARCHIVE_FOLDER}/${slug} exist: move one of them away, then try again.`,
    );
  }
  return inProjects ? "projects" : inArchive ? "archive" : "none";
}

/** Where the project's folder is now, without changing anything. */
export function findProjectFolder(projectsDir: string, slug: string): Promise<FolderPlace> {
  return withFolders(projectsDir, slug, (opened) => placeOf(opened, slug));
}

/** Moves projects/<slug> into the archive. "none": the project never had a folder (or it was removed). */
export function moveIntoArchive(projectsDir: string, slug: string): Promise<"moved" | "already" | "none"> {
  return withFolders(projectsDir, slug, async (opened) => {
    const place = await placeOf(opened, slug);
    if (place === "archive") return "already";
    if (place === "none") return "none";
    await rename(opened, { from: "root", to: "archive" }, slug, "move the folder to the archive");
    if ((await placeOf(opened, slug)) !== "archive") throw movedMeanwhile(slug);
    return "moved";
  });
}

/** Moves projects/.archive/<slug> back to projects/<slug>. */
export function moveOutOfArchive(projectsDir: string, slug: string): Promise<"moved" | "already" | "none"> {
  return withFolders(projectsDir, slug, async (opened) => {
    const place = await placeOf(opened, slug);
    if (place === "projects") return "already";
    if (place === "none") return "none";
    await rename(opened, { from: "archive", to: "root" }, slug, "move the folder out of the archive");
    if ((await placeOf(opened, slug)) !== "projects") throw movedMeanwhile(slug);
    return "moved";
  });
}

/**
 * Removes projects/.archive/<slug> and everything in it. Links inside are removed, never followed. A
 * folder back in projects/<slug> is not touched: only an archived folder is purged.
 */
export function removeArchivedFolder(
  projectsDir: string,
  slug: string,
  /** Called once every check passed, just before the first file is removed. */
  beforeRemoving: () => Promise<void>,
): Promise<"removed" | "none"> {
  return withFolders(projectsDir, slug, async (opened) => {
    const place = await placeOf(opened, slug);
    if (place === "projects") {
      throw new AppError(
        "UNSAFE_PATH",
        `The folder is back in projects/${slug} (a restore stopped before it finished): Launchpad purges only a folder in the archive. Restore the project again to finish the restore.`,
      );
    }
    if (place === "none") return "none";
    await beforeRemoving();
    await removeTree(opened.archive, slug);
    if ((await opened.archive.lstat(slug)) !== null) throw movedMeanwhile(slug);
    return "removed";
  });
}

/**
 * Runs `work` on the project's folder wherever it is now (archive or projects), opened without links;
 * null when there is none.
 */
export function withProjectFolder<T>(
  projectsDir: string,
  slug: string,
  work: (folder: ContainedDir | null, place: FolderPlace) => Promise<T>,
): Promise<T> {
  return withFolders(projectsDir, slug, async (opened) => {
    const place = await placeOf(opened, slug);
    if (place === "none") return work(null, place);
    const folder = await (place === "archive" ? opened.archive : opened.root).openDir(slug);
    try {
      return await work(folder, place);
    } finally {
      await folder.close();
    }
  });
}

async function rename(
  opened: Opened,
  direction: { from: "root" | "archive"; to: "root" | "archive" },
  slug: string,
  action: string,
) {
  const dir = (which: "root" | "archive") => (which === "root" ? opened.root : opened.archive);
  try {
    await renameBetween(dir(direction.from), slug, dir(direction.to), slug);
  } catch (error) {
    if (error instanceof UnsafePathError) throw new AppError("UNSAFE_PATH", error.message);
    throw folderError(error, action, `projects/${slug}`);
  }
}

function movedMeanwhile(slug: string) {
  return new AppError(
    "UNSAFE_PATH",
    `projects/${slug} changed while Launchpad moved it (something else works in the projects folder). Look at it, then try again.`,
  );
}

/**
 * `rm -r` run inside the opened archive folder (its working directory is the folder's descriptor, so
 * a .archive swapped for a link meanwhile changes nothing; links inside are removed, not followed).
 * The system's rm rather than fs.rm: when a file cannot be removed, rm names that file and the
 * system's reason, where fs.rm reports a misleading ENOTDIR for an immutable file.
 */
async function removeTree(archive: ContainedDir, slug: string): Promise<void> {
  const result = await execa("rm", ["-rf", "--one-file-system", "--", slug], {
    cwd: archive.pinnedPath(),
    reject: false,
    env: { LC_ALL: "C" },
    extendEnv: false,
    // Well inside the claim (LIFECYCLE_CLAIM_MS), so no other operation can take the project over meanwhile.
    timeout: 10 * 60_000,
  });
  if (result.exitCode === 0) return;
  const stuck = /cannot remove '([^']+)': (.+)$/m.exec(String(result.stderr));
  throw new AppError(
    "PROVISIONING_FAILED",
    stuck
      ? `Could not remove projects/${ARCHIVE_FOLDER}/${stuck[1]}: ${stuck[2]!.toLowerCase()}.`
      : `Could not remove projects/${ARCHIVE_FOLDER}/${slug} (rm ${result.timedOut ? "timed out" : `exited with ${result.exitCode}`}).`,
  );
}
