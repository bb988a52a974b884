import "server-only";
import { constants, existsSync } from "node:fs";
import { lstat, mkdir, mkdtemp, open, readlink, rename, type FileHandle } from "node:fs/promises";
import path from "node:path";

/**
 * A folder opened once and then used by its file descriptor, so that a folder swapped for a
 * symbolic link after the check cannot redirect a write (the symlink race of issue 9).
 *
 * Node has no openat(2). On Linux, `/proc/self/fd/<fd>/<name>` resolves `<name>` inside the folder
 * the descriptor holds, whatever its path now points to: that is openat. Every step opens one name
 * with O_NOFOLLOW (a link is refused, never followed), and each opened folder is checked again
 * after opening (it must still be under the root). Elsewhere (macOS) the same calls go by path:
 * links are still refused at every step, but a swap between two steps is not excluded.
 */
const PROC_FD = "/proc/self/fd";
const hasProcFd = process.platform === "linux" && existsSync(PROC_FD);
const DIRECTORY_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;

export class UnsafePathError extends Error {}

/** Read once: Launchpad never changes its umask while it runs. */
const PROCESS_UMASK = process.umask();

export class ContainedDir {
  private constructor(
    private readonly handle: FileHandle,
    /** Where the folder is (for messages and the fallback). */
    readonly realPath: string,
    private readonly root: string,
  ) {}

  /** Opens `root`, which must be a real path (no links in it): the trusted starting point. */
  static async openRoot(root: string): Promise<ContainedDir> {
    const handle = await open(root, DIRECTORY_FLAGS).catch((error: unknown) => {
      throw linkError(error, root);
    });
    return new ContainedDir(handle, root, root);
  }

  /** The path that names `name` inside this folder, through the descriptor where possible. */
  entry(name: string): string {
    assertName(name);
    return hasProcFd ? `${PROC_FD}/${this.handle.fd}/${name}` : path.join(this.realPath, name);
  }

  /**
   * A path another process can use for this very folder (`/proc/<pid>/fd/<fd>` on Linux): a child
   * started with it as its working directory works in the opened folder, wherever its path now
   * points. Elsewhere, the folder's path.
   */
  pinnedPath(): string {
    return hasProcFd ? `/proc/${process.pid}/fd/${this.handle.fd}` : this.realPath;
  }

  /** Opens the sub-folder `name` (creating it when asked); refuses a link or a file there. */
  async openDir(name: string, options: { create?: boolean } = {}): Promise<ContainedDir> {
    if (options.create) {
      await mkdir(this.entry(name), { mode: 0o755 }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "EEXIST") throw error;
      });
    }
    const target = path.join(this.realPath, name);
    const handle = await open(this.entry(name), DIRECTORY_FLAGS).catch((error: unknown) => {
      throw linkError(error, target);
    });
    try {
      await this.recheck(handle, target);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new ContainedDir(handle, target, this.root);
  }

  /** Opens `relative` ("a/b/c") one folder at a time, each step refusing links. */
  async openPath(relative: string, options: { create?: boolean } = {}): Promise<ContainedDir> {
    // The caller closes what it gets: even for "." it is a fresh handle.
    let current = await this.openDir(".");
    for (const part of relative === "." || relative === "" ? [] : relative.split("/")) {
      try {
        const next = await current.openDir(part, options);
        await current.close();
        current = next;
      } catch (error) {
        await current.close();
        throw error;
      }
    }
    return current;
  }

  /** Creates `name` exclusively (never through a link, never over a file) and writes it. */
  async writeFile(name: string, content: string | Buffer, mode: number): Promise<void> {
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
    const handle = await open(this.entry(name), flags, mode);
    try {
      await handle.writeFile(content);
      // The umask must not loosen .env's 0600 nor drop setup.sh's x bit; when it takes no bit of
      // `mode` away (the usual 022 with 0644, 0600, 0755), the mode is already exact.
      if ((mode & PROCESS_UMASK) !== 0) await handle.chmod(mode);
    } finally {
      await handle.close();
    }
  }

  /** Reads the regular file `name`; a link there is an error, not followed. */
  async readFile(name: string): Promise<Buffer> {
    const handle = await open(this.entry(name), constants.O_RDONLY | constants.O_NOFOLLOW).catch(
      (error: unknown) => {
        throw linkError(error, path.join(this.realPath, name));
      },
    );
    try {
      if (!(await handle.stat()).isFile()) throw new UnsafePathError(`${name} is not a regular file.`);
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  /** What is at `name`, without following a link; null when nothing is. */
  lstat(name: string) {
    return lstat(this.entry(name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return null;
      throw error;
    });
  }

  /** A new folder `<prefix>XXXXXX` inside this one; returns its name. */
  async makeTempDir(prefix: string): Promise<string> {
    return path.basename(await mkdtemp(this.entry(prefix)));
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  /** The opened folder must still be the one under the root it was reached from. */
  private async recheck(handle: FileHandle, expected: string) {
    if (!hasProcFd) {
      const [opened, named] = await Promise.all([handle.stat(), lstat(expected)]);
      if (opened.ino !== named.ino || opened.dev !== named.dev)
        throw new UnsafePathError(`${expected} changed while it was opened.`);
      return;
    }
    const where = await readlink(`${PROC_FD}/${handle.fd}`);
    if (where !== this.root && !where.startsWith(`${this.root}${path.sep}`))
      throw new UnsafePathError(`${expected} is no longer inside ${this.root}.`);
  }
}

/** Renames `fromName` in `from` to `toName` in `to`; rename(2) never follows a link in the last name. */
export async function renameBetween(from: ContainedDir, fromName: string, to: ContainedDir, toName: string) {
  await rename(from.entry(fromName), to.entry(toName)).catch((error: unknown) => {
    throw linkError(error, path.join(to.realPath, toName));
  });
}

function assertName(name: string) {
  if (name !== "." && (name === "" || name === ".." || name.includes("/") || name.includes("\0")))
    throw new UnsafePathError(`${JSON.stringify(name)} is not a single file name.`);
}

/**
 * ELOOP (O_NOFOLLOW met a link) and ENOTDIR (a file or link where a folder should be) are refusals;
 * ENOENT, ENOTEMPTY and EEXIST on a folder Launchpad just checked mean it changed under the run.
 */
function linkError(error: unknown, where: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ELOOP" || code === "ENOTDIR")
    return new UnsafePathError(`${where} is a symbolic link or not a folder: Launchpad does not follow it.`);
  // Something else moved or replaced the folder between two steps of the run.
  if (code === "ENOENT" || code === "ENOTEMPTY" || code === "EEXIST")
    return new UnsafePathError(`${where} was moved or replaced while Launchpad wrote to it.`);
  return error;
}
