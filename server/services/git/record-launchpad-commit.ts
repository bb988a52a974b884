import "server-only";
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ignore from "ignore";
import type { GeneratedFile } from "../../../provisioning/render/generated-file";
import { ENV_FILE } from "../../../provisioning/plan/contribute-app";
import { ContainedDir } from "../../security/contained-dir";
import { walkProjectFolder } from "../download/walk-project-folder";
import type { GitSettings } from "./git-settings";
import { GitError, runGit } from "./run-git";

/** Launchpad's own branch: exactly what it generated, run after run (a later merge's base). */
export const LAUNCHPAD_BRANCH = "refs/heads/launchpad";
export const MAIN_BRANCH = "refs/heads/main";
const NO_COMMIT = "0".repeat(40);

/** What became of a run's git step: the commit it recorded, and a sentence the run shows. */
export type GitOutcome = { commit: string | null; note: string };

/**
 * Records the files a run generated as one commit on the project's `launchpad` branch, built with a
 * temporary index and `git commit-tree`: the user's index, work tree, stash and branches are never
 * touched. A folder this run created becomes a repository whose first commit is also `main`; an
 * older folder without `.git` does too, but only when it holds nothing but Launchpad's files.
 * Never throws: provisioning succeeds whatever git does, and the note says what happened.
 */
export async function recordLaunchpadCommit(options: RecordOptions): Promise<GitOutcome> {
  // The folder is pinned by an open descriptor, and git works in it through /proc with GIT_DIR
  // relative to it: if the folder is swapped for a link meanwhile, git still writes into the folder
  // that was opened, inside PROJECTS_DIR. `git init` would resolve the folder's path by name, so
  // Launchpad creates the repository's few files itself, through the descriptor.
  let dir: ContainedDir;
  try {
    dir = await ContainedDir.openRoot(options.folder);
  } catch {
    return notCommitted("the project folder could not be opened as a folder (is it a link?)");
  }
  try {
    return await recordIn(dir, { ...options, folder: dir.pinnedPath() });
  } finally {
    await dir.close();
  }
}

type RecordOptions = {
  folder: string;
  files: GeneratedFile[];
  /** Files the user had changed (kept; Launchpad's version is beside each as `.launchpad-new`). */
  keptAsNew: string[];
  /** True when this run created the folder (a first provisioning). */
  createdFolder: boolean;
  message: string;
  settings: GitSettings;
};

async function recordIn(dir: ContainedDir, options: RecordOptions): Promise<GitOutcome> {
  const existing = await dir.lstat(".git");
  if (existing && !existing.isDirectory())
    return notCommitted(".git in the project folder is not a folder, so Launchpad leaves it alone");
  if (existing) {
    const unsafe = await unsafeRepository(dir);
    if (unsafe) return notCommitted(unsafe);
  }
  let initialized = false;
  try {
    if (!existing) {
      const refusal = options.createdFolder ? null : await foreignFiles(options);
      if (refusal) return { commit: null, note: refusal };
      await createRepository(dir);
      initialized = true;
    }
    const commit = await commitGeneratedFiles(options, initialized);
    if (commit === null)
      return { commit: null, note: "Nothing new to commit: the launchpad branch already holds these files." };
    if (initialized) {
      // The first commit is also the user's main, checked out: its index is filled from it.
      await git(options, ["update-ref", MAIN_BRANCH, commit, NO_COMMIT]);
      await git(options, ["read-tree", MAIN_BRANCH]);
      return { commit, note: `Committed ${commit.slice(0, 12)} as the first commit of main and launchpad.` };
    }
    return {
      commit,
      note: `Committed ${commit.slice(0, 12)} on the launchpad branch; your branches, index and files are untouched.`,
    };
  } catch (error) {
    // A repository this run began and could not finish is removed, so that the next run starts it again.
    if (initialized)
      await rm(path.join(options.folder, ".git"), { recursive: true, force: true }).catch(() => undefined);
    return notCommitted(error instanceof GitError ? error.message : String(error));
  }
}

/**
 * What `git init` makes that git needs, written through the folder's descriptor: HEAD on main, a
 * non-bare config, and the objects and refs folders. (Hooks samples, description and info/exclude
 * are optional; git works without them.)
 */
async function createRepository(dir: ContainedDir): Promise<void> {
  const repository = await dir.openDir(".git", { create: true });
  try {
    await repository.writeFile("HEAD", "ref: refs/heads/main\n", 0o644);
    await repository.writeFile(
      "config",
      "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n",
      0o644,
    );
    for (const folder of ["objects", "refs/heads", "refs/tags"])
      await (await repository.openPath(folder, { create: true })).close();
  } finally {
    await repository.close();
  }
}

/**
 * Why a project's `.git` is not one Launchpad writes to or pushes from, or null: its data must be
 * its own (no `commondir` naming another repository's, no alternates, no linked objects or refs).
 */
export async function unsafeRepository(dir: ContainedDir): Promise<string | null> {
  let repository: ContainedDir;
  try {
    repository = await dir.openDir(".git");
  } catch {
    return ".git in the project folder is not a folder (a link?), so Launchpad leaves it alone";
  }
  try {
    if (await repository.lstat("commondir"))
      return ".git names another repository's data (.git/commondir), so Launchpad leaves it alone";
    for (const folder of ["objects", "refs"]) {
      const stats = await repository.lstat(folder);
      if (stats && !stats.isDirectory())
        return `.git/${folder} is not a folder (a link?), so Launchpad leaves the repository alone`;
    }
    const objects = (await repository.lstat("objects"))
      ? await repository.openPath("objects/info", { create: false }).catch(() => null)
      : null;
    if (objects) {
      const alternates = await objects.lstat("alternates");
      await objects.close();
      if (alternates)
        return ".git reads objects of another repository (objects/info/alternates), so Launchpad leaves it alone";
    }
    return null;
  } finally {
    await repository.close();
  }
}

function notCommitted(reason: string): GitOutcome {
  return { commit: null, note: `Files written; not committed: ${reason}.` };
}

const git = (
  options: { folder: string; settings: GitSettings },
  args: string[],
  extra: Partial<Parameters<typeof runGit>[1]> = {},
) => runGit(args, { binary: options.settings.binary, cwd: options.folder, ...extra });

/** Git's id of a blob: what `git hash-object` prints for these bytes. */
export function gitBlobId(content: string | Buffer): string {
  const bytes = Buffer.from(content);
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** The generated files git keeps: not .env, nothing the project's .gitignore ignores. */
export function committedFiles(files: GeneratedFile[]): GeneratedFile[] {
  const gitignore = files.find((file) => file.path === ".gitignore");
  const rules = ignore().add(gitignore?.content ?? "");
  return files.filter((file) => file.path !== ENV_FILE && !rules.ignores(file.path));
}

/** Makes the commit; null when the branch's tip already has this very tree. */
async function commitGeneratedFiles(options: RecordOptions, isFirst: boolean): Promise<string | null> {
  const files = committedFiles(options.files);
  const scratch = await mkdtemp(path.join(os.tmpdir(), "launchpad-commit-"));
  try {
    return await commitThrough(options, files, scratch, isFirst);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * The blobs are written from the contents the run generated, through files of Launchpad's own
 * scratch folder (never the project's files, which the user may change or replace with a link), so
 * the branch holds exactly what Launchpad generated; the index is a scratch one too.
 */
async function commitThrough(
  options: RecordOptions,
  files: GeneratedFile[],
  scratch: string,
  isFirst: boolean,
): Promise<string | null> {
  const sources = await Promise.all(
    files.map(async (file, index) => {
      const source = path.join(scratch, `blob-${index}`);
      await writeFile(source, file.content);
      return source;
    }),
  );
  const blobs = (
    await git(options, ["hash-object", "-w", "--no-filters", "--stdin-paths"], {
      input: `${sources.join("\n")}\n`,
    })
  ).split("\n");
  for (const [index, file] of files.entries()) {
    if (blobs[index] !== gitBlobId(file.content))
      throw new GitError(`git stored ${file.path} as another object than Launchpad generated`, "");
  }
  const indexEnv = { GIT_INDEX_FILE: path.join(scratch, "index") };
  const lines = files.map(
    (file, index) => `${file.mode & 0o111 ? "100755" : "100644"} ${blobs[index]}\t${file.path}`,
  );
  await git(options, ["update-index", "--add", "--index-info"], {
    input: `${lines.join("\n")}\n`,
    env: indexEnv,
  });
  const tree = await git(options, ["write-tree"], { env: indexEnv });
  const parent = isFirst ? null : await branchTip(options);
  if (parent && (await git(options, ["rev-parse", `${parent}^{tree}`])) === tree) return null;
  const { name, email } = options.settings.author;
  const commit = await git(options, ["commit-tree", tree, ...(parent ? ["-p", parent] : []), "-F", "-"], {
    input: `${options.message}\n`,
    env: {
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: email,
    },
  });
  // Compare-and-swap: moves the branch only from the tip this commit was made on.
  await git(options, [
    "update-ref",
    "-m",
    "launchpad: provisioning run",
    LAUNCHPAD_BRANCH,
    commit,
    parent ?? NO_COMMIT,
  ]);
  return commit;
}

async function branchTip(options: { folder: string; settings: GitSettings }): Promise<string | null> {
  try {
    return await git(options, ["rev-parse", "--verify", "--quiet", `${LAUNCHPAD_BRANCH}^{commit}`]);
  } catch (error) {
    if (error instanceof GitError && !error.missing) return null;
    throw error;
  }
}

/**
 * Why an older folder without `.git` is not made a repository, or null when it may be: it must hold
 * Launchpad's files and nothing else (what its .gitignore ignores aside), none changed by the user.
 */
async function foreignFiles(options: { folder: string; files: GeneratedFile[]; keptAsNew: string[] }) {
  if (options.keptAsNew.length > 0)
    return notCommitted(
      `not made a git repository, because you changed files Launchpad wrote (${listed(options.keptAsNew)}); run git init yourself`,
    ).note;
  const generated = new Set(options.files.map((file) => file.path));
  // Every .env variant is looked at too, and anything the walk leaves out (links, pipes, odd names)
  // counts as the user's.
  const { entries, leftOut } = await walkProjectFolder(options.folder, { includeEnv: true });
  const others = [
    ...entries
      .filter((entry) => entry.kind !== "directory" && !generated.has(entry.path))
      .map((entry) => entry.path),
    ...leftOut.map((item) => item.path),
  ];
  if (others.length === 0) return null;
  return notCommitted(
    `not made a git repository, because the folder holds files Launchpad did not write (${listed(others)}); run git init yourself`,
  ).note;
}

function listed(paths: string[]): string {
  return paths.length <= 3
    ? paths.join(", ")
    : `${paths.slice(0, 3).join(", ")} and ${paths.length - 3} more`;
}
