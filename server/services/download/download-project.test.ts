import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import {
  appendFile,
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readlink,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { authorize } from "../../auth/policy";
import { createProjectWithStack, testProvisioningConfig } from "../../test/provisioning-context";
import type { SessionUser } from "../../auth/session";
import { testAudit, testDb, TEST_USERS } from "../../test/test-context";
import type { Stack } from "../../../provisioning/stack";
import { parseEnvFile } from "../../../provisioning/render/env-file";
import { provisionProject, type ProvisioningConfig } from "../provisioning/provision-project";
import { downloadProject } from "./download-project";

/**
 * "Download as zip" (issue 27) on a really provisioned project: the zip is written to disk, unpacked
 * with the system's `unzip`, and compared with the folder, byte for byte and mode for mode.
 */
const run = promisify(execFile);
const db = testDb();
const STACK: Stack = { backend: "express", database: "postgresql", frontend: "react", css: "tailwind" };

async function provisioned(config: ProvisioningConfig) {
  const project = await createProjectWithStack(db, STACK);
  const result = await provisionProject({ db, config, projectId: project.id });
  expect(result.success, result.error ?? "").toBe(true);
  return { ...project, folder: path.join(config.projectsDir, project.slug) };
}

/** Downloads as `user` and unpacks with unzip; returns the unpacked project folder. */
async function downloadAndUnzip(
  config: ProvisioningConfig,
  slug: string,
  options: { includeEnv?: boolean; user?: SessionUser } = {},
) {
  const user: SessionUser = options.user ?? TEST_USERS.admin;
  const download = await downloadProject({
    db,
    projectsDir: config.projectsDir,
    key: config.key,
    slug,
    includeEnv: options.includeEnv ?? false,
    authorize: (project, withEnv) => {
      authorize(user, "project.download", project);
      if (withEnv) authorize(user, "project.revealCredentials", project);
    },
    audit: testAudit(user),
  });
  const out = await mkdtemp(path.join(os.tmpdir(), "launchpad-unzip-"));
  const zipPath = path.join(out, download.fileName);
  await pipeline(download.stream, createWriteStream(zipPath));
  // -t first: the archive is whole by unzip's own test of every entry's CRC.
  await run("unzip", ["-tq", zipPath]);
  await run("unzip", ["-q", zipPath, "-d", path.join(out, "unzipped")]);
  return { unzipped: path.join(out, "unzipped", slug), leftOut: download.leftOut, zipPath };
}

async function expectSameFile(from: string, to: string) {
  const [a, b] = await Promise.all([lstat(from), lstat(to)]);
  expect((b.mode & 0o7777).toString(8), to).toBe((a.mode & 0o7777).toString(8));
  expect(await readFile(to)).toEqual(await readFile(from));
}

describe("downloadProject", () => {
  it("zips the folder with bytes and modes kept, without .env, with .env.example and a README note", async () => {
    const config = await testProvisioningConfig();
    const project = await provisioned(config);
    const { unzipped } = await downloadAndUnzip(config, project.slug);

    const manifest = JSON.parse(await readFile(path.join(project.folder, "launchpad.json"), "utf8")) as {
      files: Record<string, string>;
    };
    for (const file of Object.keys(manifest.files)) {
      if (file === ".env" || file === "README.md") continue;
      await expectSameFile(path.join(project.folder, file), path.join(unzipped, file));
    }
    expect((await lstat(path.join(unzipped, "setup.sh"))).mode & 0o777).toBe(0o755);
    await expect(lstat(path.join(unzipped, ".env"))).rejects.toThrow(/ENOENT/);

    const env = parseEnvFile(await readFile(path.join(project.folder, ".env"), "utf8"));
    const example = parseEnvFile(await readFile(path.join(unzipped, ".env.example"), "utf8"));
    expect(Object.keys(example)).toEqual(Object.keys(env));
    for (const name of ["DB_PASSWORD", "DATABASE_URL", "SECRET_KEY"]) expect(example[name], name).toBe("");
    expect(example.DB_DATABASE).toBe(env.DB_DATABASE);
    expect(example.APP_PORT).toBe(env.APP_PORT);
    const exampleText = await readFile(path.join(unzipped, ".env.example"), "utf8");
    expect(exampleText).not.toContain(env.DB_PASSWORD!);

    const readme = await readFile(path.join(unzipped, "README.md"), "utf8");
    const original = await readFile(path.join(project.folder, "README.md"), "utf8");
    expect(readme.startsWith(original)).toBe(true);
    expect(readme.slice(original.length)).toMatch(/## About this download[\s\S]*Copy as \.env/);
  });

  it("keeps links inside the folder, leaves out and lists links out of it and unsafe names, skips ignored paths", async () => {
    const config = await testProvisioningConfig();
    const project = await provisioned(config);
    const outside = await mkdtemp(path.join(os.tmpdir(), "launchpad-outside-"));
    await writeFile(path.join(outside, "secret.txt"), "outside\n");
    await mkdir(path.join(project.folder, "docs"));
    await writeFile(path.join(project.folder, "docs", "guide.md"), "# Guide\n");
    await symlink("docs/guide.md", path.join(project.folder, "GUIDE.md"));
    await symlink("../README.md", path.join(project.folder, "docs", "readme-link.md"));
    await symlink(path.join(outside, "secret.txt"), path.join(project.folder, "absolute-link"));
    await symlink("../../../etc/passwd", path.join(project.folder, "docs", "escaping-link"));
    await writeFile(path.join(project.folder, "docs", "..\\..\\evil.txt"), "evil\n");
    await mkdir(path.join(project.folder, "backend", "app", "node_modules", "left-pad"), { recursive: true });
    await writeFile(
      path.join(project.folder, "backend", "app", "node_modules", "left-pad", "index.js"),
      "x\n",
    );
    // A chain: each link alone stays inside, followed they lead out.
    await symlink("..", path.join(project.folder, "docs", "up"));
    await symlink("docs/up/../../etc", path.join(project.folder, "chained-link"));
    await writeFile(path.join(project.folder, "backend", ".env.local"), "API_TOKEN=abc\n");
    await mkdir(path.join(project.folder, "logs"));
    await writeFile(path.join(project.folder, "logs", ".gitignore"), "*.log\n");
    await mkdir(path.join(project.folder, "logs", "kept"));
    await writeFile(path.join(project.folder, "logs", "kept", ".gitignore"), "!keep.log\n");
    await writeFile(path.join(project.folder, "logs", "kept", "keep.log"), "kept\n");
    await writeFile(path.join(project.folder, "logs", "drop.log"), "dropped\n");
    await writeFile(path.join(project.folder, "private.sh"), "#!/bin/sh\n");
    await chmod(path.join(project.folder, "private.sh"), 0o700);

    const { unzipped, leftOut } = await downloadAndUnzip(config, project.slug);

    expect(await readlink(path.join(unzipped, "GUIDE.md"))).toBe("docs/guide.md");
    expect(await readFile(path.join(unzipped, "GUIDE.md"), "utf8")).toBe("# Guide\n");
    expect(await readlink(path.join(unzipped, "docs", "readme-link.md"))).toBe("../README.md");
    await expectSameFile(path.join(project.folder, "private.sh"), path.join(unzipped, "private.sh"));
    expect(leftOut.map((item) => item.path).sort()).toEqual(
      ["absolute-link", "chained-link", "docs/escaping-link", JSON.stringify("docs/..\\..\\evil.txt")].sort(),
    );
    expect(await readlink(path.join(unzipped, "docs", "up"))).toBe("..");
    expect(await readFile(path.join(unzipped, "logs", "kept", "keep.log"), "utf8")).toBe("kept\n");
    for (const missing of [
      "absolute-link",
      "chained-link",
      "docs/escaping-link",
      "backend/app/node_modules",
      "backend/.env.local",
      "logs/drop.log",
    ])
      await expect(
        lstat(path.join(unzipped, missing)).then(() => `${missing} exists`),
        missing,
      ).rejects.toThrow(/ENOENT/);
    const unpackedRoot = path.dirname(path.dirname(unzipped));
    await expect(lstat(path.join(unpackedRoot, "evil.txt"))).rejects.toThrow(/ENOENT/);
    const readme = await readFile(path.join(unzipped, "README.md"), "utf8");
    expect(readme).toContain(
      "Left out: `docs/escaping-link`: a link to ../../../etc/passwd, which does not lead to a file or folder inside the project.",
    );
    expect(readme).toContain("Left out: `absolute-link`: a link to an absolute path.");
    expect(readme).not.toContain(outside);
  });

  it("never reads README.md through a link, and blanks passwords in any URL", async () => {
    const config = await testProvisioningConfig();
    const project = await provisioned(config);
    const neighbour = await mkdtemp(path.join(os.tmpdir(), "launchpad-neighbour-"));
    await writeFile(path.join(neighbour, "README.md"), "# Someone else's notes\n");
    await rm(path.join(project.folder, "README.md"));
    await symlink(path.join(neighbour, "README.md"), path.join(project.folder, "README.md"));
    const linked = await downloadAndUnzip(config, project.slug);
    await expect(lstat(path.join(linked.unzipped, "README.md"))).rejects.toThrow(/ENOENT/);
    expect(await readFile(path.join(linked.unzipped, "LAUNCHPAD-DOWNLOAD.md"), "utf8")).toMatch(
      /## About this download[\s\S]*Left out: `README.md`: a link to an absolute path/,
    );

    await rm(path.join(project.folder, "README.md"));
    await writeFile(path.join(project.folder, "README.md"), "# Mine\n");
    await appendFile(
      path.join(project.folder, ".env"),
      "CACHE_URL=redis://:cachePassword1@cache:6379\nOTHER_DB=postgres://me:rotatedPassword@db/x\nPLAIN_URL=http://localhost:3000\n",
    );
    const { unzipped } = await downloadAndUnzip(config, project.slug);
    const example = parseEnvFile(await readFile(path.join(unzipped, ".env.example"), "utf8"));
    expect(example.CACHE_URL).toBe("");
    expect(example.OTHER_DB).toBe("");
    expect(example.PLAIN_URL).toBe("http://localhost:3000");
  });

  it("includes .env only for those who may reveal credentials, and audits it like a reveal", async () => {
    const config = await testProvisioningConfig();
    const project = await provisioned(config);
    await db.project.update({ where: { id: project.id }, data: { ownerId: TEST_USERS.member.id } });
    const entries = () =>
      db.auditEntry.count({ where: { projectId: project.id, action: "project.downloaded_with_env" } });

    await expect(
      downloadAndUnzip(config, project.slug, { includeEnv: true, user: TEST_USERS.otherMember }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(downloadAndUnzip(config, project.slug, { user: TEST_USERS.viewer })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await entries()).toBe(0);

    const { unzipped } = await downloadAndUnzip(config, project.slug, {
      includeEnv: true,
      user: TEST_USERS.member,
    });
    await expectSameFile(path.join(project.folder, ".env"), path.join(unzipped, ".env"));
    expect((await lstat(path.join(unzipped, ".env"))).mode & 0o777).toBe(0o600);
    expect(await entries()).toBe(1);
  });

  it("refuses while a run is in progress, and stops a zip a run started under", async () => {
    const config = await testProvisioningConfig();
    const project = await provisioned(config);
    // A large file, so that the zip is still streaming when the run starts.
    await writeFile(path.join(project.folder, "large.bin"), randomBytes(8 * 1024 * 1024));
    const download = await downloadProject({
      db,
      projectsDir: config.projectsDir,
      key: config.key,
      slug: project.slug,
      includeEnv: false,
      authorize: () => undefined,
      audit: testAudit(),
    });
    const claimed = await db.provisioningRun.create({
      data: { projectId: project.id, attempt: 99, status: "running", stack: STACK },
    });
    const out = await mkdtemp(path.join(os.tmpdir(), "launchpad-unzip-"));
    await expect(pipeline(download.stream, createWriteStream(path.join(out, "p.zip")))).rejects.toThrow(
      /provisioned while it was being zipped/,
    );
    await expect(run("unzip", ["-tq", path.join(out, "p.zip")])).rejects.toThrow();

    await expect(downloadAndUnzip(config, project.slug)).rejects.toMatchObject({
      code: "PROVISIONING_IN_PROGRESS",
    });
    await db.provisioningRun.delete({ where: { id: claimed.id } });
    await expect(downloadAndUnzip(config, project.slug)).resolves.toBeTruthy();
  });

  it("says a project without a folder has nothing to download", async () => {
    const config = await testProvisioningConfig();
    const project = await createProjectWithStack(db, STACK);
    await expect(downloadAndUnzip(config, project.slug)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
