import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGitHttpsServer } from "../../test/git-https-server";
import { testProvisioningConfig } from "../../test/provisioning-context";
import { testCaller, testDb, uniqueName } from "../../test/test-context";
import type { ProvisioningConfig } from "../provisioning/provision-project";

/**
 * A project's git remote (issue 28), against real git: `git http-backend` behind the tests' own
 * https server on loopback, which checks the token. Push, a push the remote refuses, a wrong token,
 * and the input refused before anything is stored.
 */
const run = promisify(execFile);
const TOKEN = "ghp_test_Token_0123456789abcdef";
const STACK = { backend: "express", database: "postgresql", frontend: "none", css: "none" };

let server: Awaited<ReturnType<typeof startGitHttpsServer>>;
let config: ProvisioningConfig;

beforeAll(async () => {
  server = await startGitHttpsServer(TOKEN);
  config = await testProvisioningConfig({
    git: {
      author: { name: "Launchpad", email: "launchpad@localhost" },
      remoteHosts: [server.host],
      certificateAuthority: server.certificateFile,
    },
  });
});
afterAll(() => server?.close());

async function savedProject() {
  const caller = testCaller(config);
  const project = await caller.project.create({ name: uniqueName("Remote") });
  const interview = await caller.interview.get({ slug: project.slug });
  const saved = await caller.interview.saveStack({ interviewId: interview.id, stack: STACK });
  expect(saved.provisioning.git?.commit).toBeTruthy();
  return { caller, project, folder: path.join(config.projectsDir, project.slug) };
}

const refsOf = async (bare: string) =>
  (await run("git", ["--git-dir", bare, "for-each-ref", "--format=%(refname) %(objectname)"])).stdout.trim();

describe("a project's git remote", () => {
  it("pushes main and launchpad with the token as a header, which is stored encrypted and never shown", async () => {
    const { caller, project, folder } = await savedProject();
    const bare = await server.createRepository(`${project.slug}.git`);
    const remote = await caller.git.setRemote({
      slug: project.slug,
      url: server.urlOf(`${project.slug}.git`),
      token: TOKEN,
    });
    expect(JSON.stringify(remote)).not.toContain(TOKEN);

    const pushed = await caller.git.push({ slug: project.slug });
    expect(pushed).toEqual({
      ok: true,
      message: `Pushed main and launchpad to ${server.urlOf(`${project.slug}.git`)}.`,
    });
    const local = (
      await run("git", ["for-each-ref", "--format=%(refname) %(objectname)", "refs/heads"], { cwd: folder })
    ).stdout.trim();
    expect(await refsOf(bare)).toBe(local);

    const stored = await testDb().projectRemote.findUniqueOrThrow({ where: { projectId: project.id } });
    expect(stored.tokenEncrypted).not.toContain(TOKEN);
    expect(await readFile(path.join(folder, ".git", "config"), "utf8")).not.toContain(TOKEN);
    expect(await readFile(path.join(folder, ".git", "config"), "utf8")).not.toContain("127.0.0.1");
    const entries = await testDb().auditEntry.findMany({ where: { projectId: project.id } });
    expect(entries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(["project.remote_set", "project.pushed"]),
    );
    expect(JSON.stringify(entries)).not.toContain(TOKEN);
    expect(await caller.git.remote({ slug: project.slug })).toMatchObject({ lastPushOk: true });
  });

  it("pushes where Launchpad was told, whatever the project's own .git/config says", async () => {
    const { caller, project, folder } = await savedProject();
    const elsewhere = await startGitHttpsServer(TOKEN);
    try {
      await elsewhere.createRepository("stolen.git");
      // A project whose config would send pushes to the allowed host elsewhere, through a proxy, or
      // resolve the host to another address.
      await run("git", ["config", `url.${elsewhere.urlOf("")}.pushInsteadOf`, server.urlOf("")], {
        cwd: folder,
      });
      await run("git", ["config", "http.proxy", `http://${elsewhere.host}`], { cwd: folder });
      await run("git", ["config", "http.curloptResolve", `127.0.0.1:1:10.0.0.1`], { cwd: folder });
      const bare = await server.createRepository(`${project.slug}-own.git`);
      await caller.git.setRemote({
        slug: project.slug,
        url: server.urlOf(`${project.slug}-own.git`),
        token: TOKEN,
      });
      expect(await caller.git.push({ slug: project.slug })).toMatchObject({ ok: true });
      expect(await refsOf(bare)).toContain("refs/heads/launchpad");
      expect(elsewhere.seenAuthorizations).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it("changes nothing on a remote that has history of its own, and says so", async () => {
    const { caller, project } = await savedProject();
    const bare = await server.createRepository(`${project.slug}-taken.git`);
    // Someone else's first commit on the remote's main.
    const tree = (
      await run("git", ["--git-dir", bare, "hash-object", "-w", "-t", "tree", "/dev/null"])
    ).stdout.trim();
    const theirs = (
      await run("git", ["--git-dir", bare, "commit-tree", tree, "-m", "theirs"], {
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: "T",
          GIT_AUTHOR_EMAIL: "t@x",
          GIT_COMMITTER_NAME: "T",
          GIT_COMMITTER_EMAIL: "t@x",
        },
      })
    ).stdout.trim();
    await run("git", ["--git-dir", bare, "update-ref", "refs/heads/main", theirs]);
    const before = await refsOf(bare);

    await caller.git.setRemote({
      slug: project.slug,
      url: server.urlOf(`${project.slug}-taken.git`),
      token: TOKEN,
    });
    const pushed = await caller.git.push({ slug: project.slug });
    expect(pushed.ok).toBe(false);
    expect(pushed.message).toMatch(/already has history this project does not have, so nothing was changed/);
    expect(await refsOf(bare)).toBe(before);
  });

  it("says a wrong token was refused, and never shows it", async () => {
    const { caller, project } = await savedProject();
    const bare = await server.createRepository(`${project.slug}-locked.git`);
    const wrong = "wrong_Token_9876543210";
    await caller.git.setRemote({
      slug: project.slug,
      url: server.urlOf(`${project.slug}-locked.git`),
      token: wrong,
    });
    const pushed = await caller.git.push({ slug: project.slug });
    expect(pushed).toEqual({
      ok: false,
      message:
        "The remote refused the access token, so nothing was pushed. Set the remote again with a valid token.",
    });
    expect(await refsOf(bare)).toBe("");
    expect(server.seenAuthorizations).toContain(
      `Basic ${Buffer.from(`launchpad:${wrong}`).toString("base64")}`,
    );
  });

  it("refuses bad input with a clear error and stores nothing", async () => {
    const { caller, project } = await savedProject();
    const cases: [string, string, RegExp][] = [
      ["http://127.0.0.1/x.git", TOKEN, /Only https remotes are allowed; this one is http/],
      ["file:///tmp/x.git", TOKEN, /Only https remotes are allowed/],
      ["https://10.0.0.5/x.git", TOKEN, /may push only to 127\.0\.0\.1:\d+; 10\.0\.0\.5 is not one of them/],
      ["https://user:pw@127.0.0.1/x.git", TOKEN, /not in the URL/],
      ["https://127.0.0.1@10.0.0.5/x.git", TOKEN, /not in the URL/],
      // The allowed host on another port than the one listed.
      ["https://127.0.0.1:1/x.git", TOKEN, /127\.0\.0\.1:1 is not one of them/],
      ["https://127.0.0.1/x.git", TOKEN, /127\.0\.0\.1 is not one of them/],
      ["not a url", TOKEN, /https:\/\/ URL/],
      [server.urlOf("x.git"), "abc\ndef", /control characters/],
      [server.urlOf("x.git"), "", /Enter the access token/],
    ];
    for (const [url, token, message] of cases) {
      await expect(caller.git.setRemote({ slug: project.slug, url, token }), url).rejects.toThrow(message);
    }
    expect(await testDb().projectRemote.count({ where: { projectId: project.id } })).toBe(0);
    expect(
      await testDb().auditEntry.count({ where: { projectId: project.id, action: "project.remote_set" } }),
    ).toBe(0);
  });

  it("refuses a push while the project is being provisioned, and removes a remote with an entry", async () => {
    const { caller, project } = await savedProject();
    await caller.git.setRemote({ slug: project.slug, url: server.urlOf("busy.git"), token: TOKEN });
    const running = await testDb().provisioningRun.create({
      data: { projectId: project.id, attempt: 50, status: "running", stack: STACK },
    });
    await expect(caller.git.push({ slug: project.slug })).rejects.toThrow(/being provisioned right now/);
    await testDb().provisioningRun.delete({ where: { id: running.id } });

    await caller.git.removeRemote({ slug: project.slug });
    expect(await caller.git.remote({ slug: project.slug })).toBeNull();
    expect(
      await testDb().auditEntry.count({ where: { projectId: project.id, action: "project.remote_removed" } }),
    ).toBe(1);
  });
});
