import { execFile } from "node:child_process";
import { readFile, rm, writeFile, appendFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createProjectWithStack, testProvisioningConfig } from "../../test/provisioning-context";
import { testDb } from "../../test/test-context";
import type { Stack } from "../../../provisioning/stack";
import { provisionProject, type ProvisioningConfig } from "../provisioning/provision-project";

/**
 * Every project a git repository (issue 28), against the real git CLI: the first run makes the
 * repository and its first commit (main and launchpad); later runs add commits to launchpad only,
 * built with a temporary index, and leave the user's index, work tree, stash and branches as they were.
 */
const run = promisify(execFile);
const db = testDb();
const STACK: Stack = { backend: "express", database: "postgresql", frontend: "react", css: "tailwind" };

/** The user's git, in the project folder, with their own identity. */
async function userGit(folder: string, ...args: string[]): Promise<string> {
  const { stdout } = await run("git", args, {
    cwd: folder,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "Dev",
      GIT_AUTHOR_EMAIL: "dev@example.com",
      GIT_COMMITTER_NAME: "Dev",
      GIT_COMMITTER_EMAIL: "dev@example.com",
    },
  });
  return stdout.trim();
}

async function provision(config: ProvisioningConfig, projectId: string) {
  const result = await provisionProject({ db, config, projectId });
  expect(result.success, result.error ?? "").toBe(true);
  return result;
}

/**
 * Everything of the user's the re-provision must not touch. `git status` leaves out what the run
 * itself writes into the folder, as provisioning always has: launchpad.json (it records the run's
 * time) and the new versions put beside files the user changed.
 */
async function userState(folder: string) {
  const status = await userGit(folder, "status", "--porcelain=v1", "--untracked-files=all");
  return {
    status: status
      .split("\n")
      .filter((line) => !/ launchpad\.json$|\.launchpad-new$/.test(line))
      .join("\n"),
    index: await userGit(folder, "ls-files", "--stage"),
    head: await userGit(folder, "symbolic-ref", "HEAD"),
    refs: (await userGit(folder, "for-each-ref", "--format=%(refname) %(objectname)"))
      .split("\n")
      .filter((line) => !line.startsWith("refs/heads/launchpad ")),
    stash: await userGit(folder, "stash", "list"),
    notes: await readFile(path.join(folder, "NOTES.md"), "utf8"),
    readme: await readFile(path.join(folder, "README.md"), "utf8"),
  };
}

describe("the git step of provisioning", () => {
  it("makes a new folder a repository whose first commit is main and launchpad, without .env", async () => {
    const config = await testProvisioningConfig();
    const project = await createProjectWithStack(db, STACK);
    const result = await provision(config, project.id);
    const folder = path.join(config.projectsDir, project.slug);

    expect(result.git?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(result.git?.note).toMatch(/first commit of main and launchpad/);
    expect(await userGit(folder, "rev-parse", "main")).toBe(result.git!.commit);
    expect(await userGit(folder, "rev-parse", "launchpad")).toBe(result.git!.commit);
    expect(await userGit(folder, "symbolic-ref", "HEAD")).toBe("refs/heads/main");
    expect(await userGit(folder, "log", "-1", "--format=%an <%ae>|%s")).toBe(
      "Launchpad <launchpad@localhost>|Launchpad: Express + PostgreSQL + React + Tailwind CSS",
    );
    const tracked = (await userGit(folder, "ls-tree", "-r", "--name-only", "main")).split("\n");
    expect(tracked).toEqual(
      expect.arrayContaining(["docker-compose.yml", "setup.sh", "README.md", ".gitignore"]),
    );
    expect(tracked).not.toContain(".env");
    expect(await userGit(folder, "ls-tree", "main", "setup.sh")).toMatch(/^100755 /);
    // The user's checkout is clean: the index was filled from the first commit.
    expect(await userGit(folder, "status", "--porcelain")).toBe("");
    const stored = await db.provisioningRun.findFirstOrThrow({
      where: { projectId: project.id },
      orderBy: { attempt: "desc" },
    });
    expect(stored.gitCommit).toBe(result.git!.commit);
    expect(stored.gitNote).toBe(result.git!.note);
  });

  it("adds re-provisions to launchpad only, and leaves the user's edits, index, stash and branches as they were", async () => {
    const config = await testProvisioningConfig();
    const project = await createProjectWithStack(db, STACK);
    const first = await provision(config, project.id);
    const folder = path.join(config.projectsDir, project.slug);

    // The user works: a commit on main, a branch, a stash, a staged file, an unstaged edit.
    await writeFile(path.join(folder, "NOTES.md"), "# Notes\n");
    await userGit(folder, "add", "NOTES.md");
    await userGit(folder, "commit", "-q", "-m", "Notes");
    await userGit(folder, "branch", "feature");
    await appendFile(path.join(folder, "NOTES.md"), "stashed\n");
    await userGit(folder, "stash", "-q");
    await writeFile(path.join(folder, "staged.txt"), "staged\n");
    await userGit(folder, "add", "staged.txt");
    await appendFile(path.join(folder, "README.md"), "\nMy own line.\n");
    const before = await userState(folder);

    const second = await provision(config, project.id);

    expect(await userState(folder)).toEqual(before);
    expect(second.filesKeptAsNew).toEqual(["README.md"]);
    expect(second.git?.note).toMatch(/on the launchpad branch/);
    expect(await userGit(folder, "rev-parse", "launchpad")).toBe(second.git!.commit);
    expect(await userGit(folder, "rev-parse", "launchpad^")).toBe(first.git!.commit);
    // Launchpad's README on its branch, not the user's edit.
    expect(await userGit(folder, "show", "launchpad:README.md")).not.toContain("My own line.");
    expect(await userGit(folder, "show", "launchpad:README.md")).toBe(
      (await readFile(path.join(folder, "README.md.launchpad-new"), "utf8")).trimEnd(),
    );
  });

  it("makes an older folder without .git a repository only when it holds nothing but Launchpad's files", async () => {
    const config = await testProvisioningConfig();
    const clean = await createProjectWithStack(db, STACK);
    await provision(config, clean.id);
    const cleanFolder = path.join(config.projectsDir, clean.slug);
    await rm(path.join(cleanFolder, ".git"), { recursive: true });
    const again = await provision(config, clean.id);
    expect(again.git?.note).toMatch(/first commit of main and launchpad/);
    expect(await userGit(cleanFolder, "status", "--porcelain")).toBe("");

    const used = await createProjectWithStack(db, STACK);
    await provision(config, used.id);
    const usedFolder = path.join(config.projectsDir, used.slug);
    await rm(path.join(usedFolder, ".git"), { recursive: true });
    await writeFile(path.join(usedFolder, "mine.txt"), "mine\n");
    const refused = await provision(config, used.id);
    expect(refused.success).toBe(true);
    expect(refused.git).toEqual({
      commit: null,
      note: "Files written; not committed: not made a git repository, because the folder holds files Launchpad did not write (mine.txt); run git init yourself.",
    });
    await expect(readFile(path.join(usedFolder, ".git", "HEAD"))).rejects.toThrow(/ENOENT/);
  });

  it("still provisions when git is missing, and says the files were not committed", async () => {
    const config = await testProvisioningConfig({
      git: { binary: "/nonexistent/git", author: { name: "L", email: "l@localhost" }, remoteHosts: [] },
    });
    const project = await createProjectWithStack(db, STACK);
    const result = await provision(config, project.id);
    expect(result.git).toEqual({
      commit: null,
      note: "Files written; not committed: git is not installed on the Launchpad server.",
    });
    await expect(readFile(path.join(config.projectsDir, project.slug, ".git", "HEAD"))).rejects.toThrow(
      /ENOENT/,
    );
  });
});
