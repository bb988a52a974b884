import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { lstat, mkdir, mkdtemp, readdir, readFile, rename, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { decryptSecret } from "../../security/secret-box";
import { createProjectWithStack, testProvisioningConfig } from "../../test/provisioning-context";
import { testAudit, testCaller, testDb, TEST_USERS } from "../../test/test-context";
import { uniqueName } from "../../test/unique-name";
import { ARCHIVE_FOLDER, readLifecycleFailure } from "../../shared/project-lifecycle";
import { parseEnvFile } from "../../../provisioning/render/env-file";
import { MANIFEST_FILE, sha256 } from "../../../provisioning/render/render-manifest";
import type { Stack } from "../../../provisioning/stack";
import { createProject } from "../projects/create-project";
import { getProject } from "../projects/get-project";
import { listProjects } from "../projects/list-projects";
import { projectAccessBySlug } from "../projects/project-access";
import { provisionProject, type ProvisioningConfig } from "../provisioning/provision-project";
import { claimRun } from "../provisioning/provisioning-runs";
import { archiveProject } from "./archive-project";
import { purgeExpiredProjects } from "./purge-expired-projects";
import { purgeProject } from "./purge-project";
import { restoreProject } from "./restore-project";

/**
 * Archive, restore and purge (issue 29) on really provisioned projects: real folders moved in a real
 * temporary PROJECTS_DIR, the database's rows read back after each step, and a failure injected in
 * the middle of each operation with `chattr +i` (as root; elsewhere those tests say why they skip),
 * then the retry.
 */
const db = testDb();
const STACK: Stack = { backend: "express", database: "postgresql", frontend: "react", css: "tailwind" };
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function chattr(flag: "+i" | "-i", target: string): boolean {
  try {
    execFileSync("chattr", ["-R", flag, target], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Makes `target` immutable until the test ends; skips the test where chattr cannot. */
function makeImmutable(target: string, context: { skip: (note: string) => void }) {
  if (!chattr("+i", target)) context.skip("chattr +i needs root and a file system that supports it");
  cleanups.push(() => chattr("-i", target));
}

/**
 * Makes the database refuse one kind of write for one project until the test ends: a real failure
 * in the middle of an operation's database step (a trigger, on both databases).
 */
async function refuseWrites(table: string, when: "DELETE" | "INSERT", projectId: string) {
  const column = table === "Project" ? "id" : "projectId";
  const name = `refuse_${randomUUID().replaceAll("-", "")}`;
  const row = when === "DELETE" ? "OLD" : "NEW";
  await db.$executeRawUnsafe(
    `CREATE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql`,
  );
  await db.$executeRawUnsafe(
    `CREATE TRIGGER ${name} BEFORE ${when} ON "${table}" FOR EACH ROW WHEN (${row}."${column}" = '${projectId}'::uuid) EXECUTE FUNCTION ${name}()`,
  );
  const drop = async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${name} ON "${table}"`);
    await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS ${name}()`);
  };
  return drop;
}

type Subject = { slug: string; name: string };

/** The three operations as the owner asks for them, the name typed right unless given. */
const archive = (project: Subject, config: ProvisioningConfig) =>
  archiveProject({ db, slug: project.slug, confirmName: project.name, config, audit: testAudit() });
const restore = (project: Subject, config: ProvisioningConfig) =>
  restoreProject({ db, slug: project.slug, config, audit: testAudit() });
const purge = (project: Subject, config: ProvisioningConfig, confirmName = project.name) =>
  purgeProject({ db, slug: project.slug, confirmName, config, audit: testAudit(), reason: "by-hand" });

async function ensureArchiveFolder(config: ProvisioningConfig): Promise<string> {
  const folder = path.join(config.projectsDir, ARCHIVE_FOLDER);
  await mkdir(folder, { recursive: true });
  return folder;
}

async function provisioned(config: ProvisioningConfig, name?: string) {
  const project = await createProjectWithStack(db, STACK, name);
  const result = await provisionProject({ db, config, projectId: project.id });
  expect(result.success, result.error ?? "").toBe(true);
  return project;
}

const exists = (target: string) =>
  lstat(target).then(
    () => true,
    () => false,
  );
const envOf = async (folder: string) => parseEnvFile(await readFile(path.join(folder, ".env"), "utf8"));
const portsOf = (projectId: string) =>
  db.portAllocation.findMany({ where: { projectId }, orderBy: { port: "asc" } });
const stateOf = (projectId: string) =>
  db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: { archivedAt: true, retainUntil: true, lifecycleOperation: true, lifecycleFailure: true },
  });

describe(`archive, restore and purge (${inject("databaseKind")})`, () => {
  it("archives: folder to .archive, ports and credentials released, slug kept, audited; nothing else may run on it", async () => {
    const config = await testProvisioningConfig();
    const project = await provisioned(config);
    const folder = path.join(config.projectsDir, project.slug);
    const heldBefore = await portsOf(project.id);
    expect(heldBefore).toHaveLength(4);

    await expect(
      archiveProject({ db, slug: project.slug, confirmName: "not its name", config, audit: testAudit() }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining(project.name) as string,
    });
    expect(await exists(folder)).toBe(true);
    expect(await portsOf(project.id)).toHaveLength(4);

    const outcome = await archiveProject({
      db,
      slug: project.slug,
      confirmName: ` ${project.name} `,
      config,
      audit: testAudit(),
    });
    expect(outcome.folder).toBe(`projects/${ARCHIVE_FOLDER}/${project.slug}`);
    expect(outcome.releasedPorts.map((row) => row.port)).toEqual(heldBefore.map((row) => row.port));
    expect(outcome.credentialsDropped).toBe(true);
    expect(await exists(folder)).toBe(false);
    expect(await exists(path.join(config.projectsDir, ARCHIVE_FOLDER, project.slug, ".env"))).toBe(true);
    expect(await portsOf(project.id)).toEqual([]);
    expect(await db.projectCredentials.count({ where: { projectId: project.id } })).toBe(0);
    const state = await stateOf(project.id);
    expect(state.lifecycleOperation).toBeNull();
    expect(state.retainUntil!.getTime() - state.archivedAt!.getTime()).toBe(30 * 24 * 3600 * 1000);
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { projectId: project.id, action: "project.archived" },
    });
    expect(entry.detail).toMatchObject({ portsReleased: 4, credentialsDropped: true });

    // Archived: no run, no second archive, and its slug is not free.
    await expect(provisionProject({ db, config, projectId: project.id })).rejects.toMatchObject({
      code: "PROJECT_ARCHIVED",
    });
    await expect(archive(project, config)).rejects.toMatchObject({ code: "PROJECT_ARCHIVED" });
    await expect(
      createProject({ db, input: { name: project.name, description: "" }, ownerId: testAudit().actor.id }),
    ).rejects.toMatchObject({
      code: "DUPLICATE_PROJECT",
      message: expect.stringMatching(/belongs to the archived project .* purged to free it/) as string,
    });

    // Listed apart, with its retention end.
    const active = await listProjects({ db, query: { search: project.slug, sort: "changed", page: 1 } });
    expect(active.items.map((item) => item.slug)).not.toContain(project.slug);
    const archived = await listProjects({
      db,
      query: { search: project.slug, status: "archived", sort: "changed", page: 1 },
    });
    expect(archived.items.find((item) => item.slug === project.slug)).toMatchObject({
      status: "archived",
      retainUntil: state.retainUntil,
    });
  });

  it("restores with the same ports and the credentials read back from .env; a re-provision keeps both", async () => {
    const config = await testProvisioningConfig();
    const project = await provisioned(config);
    const folder = path.join(config.projectsDir, project.slug);
    const envBefore = await envOf(folder);
    const portsBefore = (await portsOf(project.id)).map((row) => [row.purpose, row.port]);
    await archive(project, config);

    const outcome = await restore(project, config);
    expect(outcome.credentialsRestored).toBe(true);
    expect(outcome.ports.every((port) => port.changedBecause === null)).toBe(true);
    expect(outcome.notes.join(" ")).toMatch(/Took its ports again/);
    expect((await portsOf(project.id)).map((row) => [row.purpose, row.port])).toEqual(portsBefore);
    expect(await exists(path.join(config.projectsDir, ARCHIVE_FOLDER, project.slug))).toBe(false);
    const stored = await db.projectCredentials.findUniqueOrThrow({ where: { projectId: project.id } });
    expect(stored.databaseUser).toBe(envBefore.DB_USERNAME);
    expect(decryptSecret(stored.passwordEncrypted, config.key)).toBe(envBefore.DB_PASSWORD);
    expect(await stateOf(project.id)).toMatchObject({ archivedAt: null, retainUntil: null });

    const again = await provisionProject({ db, config, projectId: project.id });
    expect(again.success).toBe(true);
    expect(again.filesKeptAsNew).toEqual([]);
    expect(await envOf(folder)).toEqual(envBefore);
  });

  it("gives new ports for ones taken meanwhile, writes them into .env and says so", async () => {
    const config = await testProvisioningConfig();
    const project = await provisioned(config);
    const folder = path.join(config.projectsDir, project.slug);
    await archive(project, config);
    const archivedEnv = await envOf(path.join(config.projectsDir, ARCHIVE_FOLDER, project.slug));
    const oldAppPort = Number(archivedEnv.APP_PORT);
    const oldDatabasePort = Number(archivedEnv.DB_PORT);
    // Another project takes two of its ports while it is archived.
    const other = await createProjectWithStack(db, STACK);
    await db.portAllocation.createMany({
      data: [
        { port: oldAppPort, projectId: other.id, purpose: "app" },
        { port: oldDatabasePort, projectId: other.id, purpose: "database" },
      ],
    });

    const outcome = await restore(project, config);
    const app = outcome.ports.find((port) => port.purpose === "app")!;
    const database = outcome.ports.find((port) => port.purpose === "database")!;
    expect(app).toMatchObject({
      previousPort: oldAppPort,
      changedBecause: expect.stringMatching(/another project/) as string,
    });
    expect(app.port).not.toBe(oldAppPort);
    expect(database.port).not.toBe(oldDatabasePort);
    expect(outcome.notes).toContain(
      `Port ${oldAppPort} (app) could not be taken again (another project took it while this one was archived): it now uses ${app.port}, written into .env.`,
    );
    const env = await envOf(folder);
    expect(Number(env.APP_PORT)).toBe(app.port);
    expect(Number(env.DB_PORT)).toBe(database.port);
    expect(env.DATABASE_URL).toContain(`:${database.port}/`);
    expect(Object.values(env).join("\n")).not.toMatch(
      new RegExp(`:(${oldAppPort}|${oldDatabasePort})(?!\\d)`),
    );
    expect(env.DB_PASSWORD).toBe(archivedEnv.DB_PASSWORD);
    // The manifest follows .env, so a re-provision takes the new .env as Launchpad's own.
    const manifest = JSON.parse(await readFile(path.join(folder, MANIFEST_FILE), "utf8")) as {
      files: Record<string, string>;
    };
    expect(manifest.files[".env"]).toBe(sha256(await readFile(path.join(folder, ".env"))));
    const again = await provisionProject({ db, config, projectId: project.id });
    expect(again.filesKeptAsNew).toEqual([]);
    expect(Number((await envOf(folder)).APP_PORT)).toBe(app.port);
  });

  it("an archive stopped by an immutable folder changes nothing, shows the step, and the retry finishes it", async (context) => {
    const config = await testProvisioningConfig();
    const project = await provisioned(config);
    const folder = path.join(config.projectsDir, project.slug);
    makeImmutable(folder, context);

    const failed = archive(project, config);
    await expect(failed).rejects.toMatchObject({
      code: "LIFECYCLE_STEP_FAILED",
      message: expect.stringMatching(
        /^An archive stopped at “Moving the folder to projects\/.archive”: Could not move the folder to the archive \(projects\/.+\): permission denied\. Nothing was changed/,
      ) as string,
    });
    expect(await exists(folder)).toBe(true);
    expect(await portsOf(project.id)).toHaveLength(4);
    expect(await db.projectCredentials.count({ where: { projectId: project.id } })).toBe(1);
    const state = await stateOf(project.id);
    expect(state).toMatchObject({ archivedAt: null, lifecycleOperation: null });
    expect(readLifecycleFailure(state.lifecycleFailure)).toMatchObject({
      operation: "archive",
      step: "move-to-archive",
    });

    chattr("-i", folder);
    await archive(project, config);
    const after = await stateOf(project.id);
    expect(after.archivedAt).not.toBeNull();
    expect(after.lifecycleFailure).toBeNull();
    expect(await portsOf(project.id)).toEqual([]);
  });

  it("a restore stopped by an immutable archived folder gives its ports back, stays archived, and the retry finishes it", async (context) => {
    const config = await testProvisioningConfig();
    const project = await provisioned(config);
    await archive(project, config);
    const archived = path.join(config.projectsDir, ARCHIVE_FOLDER, project.slug);
    makeImmutable(archived, context);

    await expect(restore(project, config)).rejects.toMatchObject({
      code: "LIFECYCLE_STEP_FAILED",
      message: expect.stringMatching(
        /^A restore stopped at “Moving the folder back from projects\/.archive”: .*permission denied\. The project stays archived/,
      ) as string,
    });
    expect(await portsOf(project.id)).toEqual([]);
    expect(await db.projectCredentials.count({ where: { projectId: project.id } })).toBe(0);
    expect(await exists(archived)).toBe(true);
    const state = await stateOf(project.id);
    expect(state.archivedAt).not.toBeNull();
    expect(readLifecycleFailure(state.lifecycleFailure)).toMatchObject({
      operation: "restore",
      step: "move-back",
    });

    chattr("-i", archived);
    const outcome = await restore(project, config);
    expect(outcome.credentialsRestored).toBe(true);
    expect(await portsOf(project.id)).toHaveLength(4);
    expect((await stateOf(project.id)).lifecycleFailure).toBeNull();
  });

  it("a purge stopped by an immutable file shows the step; the retry removes it all and frees the slug", async (context) => {
    const config = await testProvisioningConfig();
    const project = await provisioned(config);
    await archive(project, config);
    const archived = path.join(config.projectsDir, ARCHIVE_FOLDER, project.slug);
    makeImmutable(path.join(archived, "backend"), context);

    await expect(purge(project, config, "wrong")).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(purge(project, config)).rejects.toMatchObject({
      code: "LIFECYCLE_STEP_FAILED",
      message: expect.stringMatching(
        /^A purge stopped at “Removing the folder for good”: Could not remove projects\/\.archive\/provisioned-[^/]+\/backend\/.*: operation not permitted\. The project stays archived/,
      ) as string,
    });
    expect(readLifecycleFailure((await stateOf(project.id)).lifecycleFailure)).toMatchObject({
      operation: "purge",
      step: "remove-folder",
    });

    chattr("-i", path.join(archived, "backend"));
    expect(await purge(project, config)).toEqual({ slug: project.slug, folderRemoved: true });
    expect(await exists(archived)).toBe(false);
    expect(await db.project.count({ where: { id: project.id } })).toBe(0);
    expect(await db.provisioningRun.count({ where: { projectId: project.id } })).toBe(0);
    await expect(projectAccessBySlug(db, project.slug)).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/was purged on \d{4}-\d\d-\d\d: .* cannot be restored/) as string,
    });
    await expect(restore(project, config)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // The slug is free again; the new project starts clean.
    const reused = await createProject({
      db,
      input: { name: project.name, description: "" },
      ownerId: testAudit().actor.id,
    });
    expect(reused.slug).toBe(project.slug);
  });

  it("a provisioning run in progress blocks the archive, and of an archive and a run started together one wins", async () => {
    const config = await testProvisioningConfig();
    const project = await provisioned(config);
    const run = await claimRun({ db, projectId: project.id, stack: STACK, config });
    await expect(archive(project, config)).rejects.toMatchObject({ code: "PROVISIONING_IN_PROGRESS" });
    expect(await exists(path.join(config.projectsDir, project.slug))).toBe(true);
    await db.provisioningRun.update({
      where: { id: run.id },
      data: { status: "failed", finishedAt: new Date() },
    });

    const other = await provisioned(config);
    const [archived, claim] = await Promise.allSettled([
      archive(other, config),
      claimRun({ db, projectId: other.id, stack: STACK, config }),
    ]);
    expect([archived.status, claim.status].sort()).toEqual(["fulfilled", "rejected"]);
    const loser = (archived.status === "rejected" ? archived : claim) as PromiseRejectedResult;
    expect(["PROVISIONING_IN_PROGRESS", "PROJECT_ARCHIVED", "PROJECT_BUSY"]).toContain(
      (loser.reason as { code: string }).code,
    );
  });

  it("refuses a restore after the retention ended, and a .archive that is a link", async () => {
    const config = await testProvisioningConfig();
    const project = await provisioned(config);
    await archive(project, config);
    await db.project.update({
      where: { id: project.id },
      data: { retainUntil: new Date(Date.now() - 1000) },
    });
    await expect(restore(project, config)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringMatching(/retention ended .* can no longer be restored/) as string,
    });
    expect(await portsOf(project.id)).toEqual([]);
    await purge(project, config);

    const linked = await testProvisioningConfig();
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), "launchpad-elsewhere-"));
    await mkdir(linked.projectsDir, { recursive: true });
    await symlink(elsewhere, path.join(linked.projectsDir, ARCHIVE_FOLDER));
    const second = await provisioned(linked);
    await expect(
      archiveProject({ db, slug: second.slug, confirmName: second.name, config: linked, audit: testAudit() }),
    ).rejects.toMatchObject({
      code: "LIFECYCLE_STEP_FAILED",
      message: expect.stringMatching(/symbolic link/) as string,
    });
    expect(await readdir(elsewhere)).toEqual([]);
    expect(await exists(path.join(linked.projectsDir, second.slug))).toBe(true);
  });

  it("an archive stopped after the move blocks provisioning until the retry finishes it", async () => {
    const config = await testProvisioningConfig();
    const project = await provisioned(config);
    const dropTrigger = await refuseWrites("PortAllocation", "DELETE", project.id);
    try {
      await expect(archive(project, config)).rejects.toMatchObject({
        code: "LIFECYCLE_STEP_FAILED",
        message: expect.stringMatching(
          /stopped at “Releasing the ports and the stored credentials”: .* The folder is already in projects\/\.archive\//,
        ) as string,
      });
    } finally {
      await dropTrigger();
    }
    // Half done, and said so: the folder moved, the ports and credentials are still held.
    expect(await exists(path.join(config.projectsDir, ARCHIVE_FOLDER, project.slug))).toBe(true);
    expect(await portsOf(project.id)).toHaveLength(4);
    expect((await stateOf(project.id)).archivedAt).toBeNull();
    await expect(provisionProject({ db, config, projectId: project.id })).rejects.toMatchObject({
      code: "PROJECT_BUSY",
      message: expect.stringMatching(/archive it again to finish/) as string,
    });
    expect(await exists(path.join(config.projectsDir, project.slug))).toBe(false);

    await archive(project, config);
    expect(await portsOf(project.id)).toEqual([]);
    expect((await stateOf(project.id)).archivedAt).not.toBeNull();
  });

  it("a restore stopped at its last step says the folder is back, and can be finished even after the retention", async () => {
    const config = await testProvisioningConfig();
    const project = await provisioned(config);
    await archive(project, config);
    const dropTrigger = await refuseWrites("ProjectCredentials", "INSERT", project.id);
    try {
      await expect(restore(project, config)).rejects.toMatchObject({
        code: "LIFECYCLE_STEP_FAILED",
        message: expect.stringMatching(
          /stopped at “Recording the change in Launchpad's database”: .* The folder is back in projects\//,
        ) as string,
      });
    } finally {
      await dropTrigger();
    }
    expect(await exists(path.join(config.projectsDir, project.slug))).toBe(true);
    expect(await portsOf(project.id)).toEqual([]);
    // Its retention ends meanwhile: the purge refuses a folder outside the archive, the restore finishes.
    await db.project.update({
      where: { id: project.id },
      data: { retainUntil: new Date(Date.now() - 1000) },
    });
    await expect(purge(project, config)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringMatching(/restore the project again to finish/) as string,
    });
    const outcome = await restore(project, config);
    expect(outcome.credentialsRestored).toBe(true);
    expect(await portsOf(project.id)).toHaveLength(4);
    expect((await stateOf(project.id)).archivedAt).toBeNull();
  });

  it("a purge that removed part of the folder cannot be undone by a restore", async (context) => {
    const config = await testProvisioningConfig();
    const project = await provisioned(config);
    await archive(project, config);
    const stuck = path.join(config.projectsDir, ARCHIVE_FOLDER, project.slug, "backend");
    makeImmutable(stuck, context);
    await expect(purge(project, config)).rejects.toMatchObject({ code: "LIFECYCLE_STEP_FAILED" });
    await expect(restore(project, config)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringMatching(/purge it again to finish/) as string,
    });
    chattr("-i", stuck);
    await purge(project, config);
  });

  it("through the API: only the owner or an admin may archive, restore or purge, and an archived project refuses changes", async () => {
    const config = await testProvisioningConfig();
    const owner = testCaller(config, TEST_USERS.member);
    const other = testCaller(config, TEST_USERS.otherMember);
    const viewer = testCaller(config, TEST_USERS.viewer);
    const created = await owner.project.create({ name: uniqueName("Lifecycle API") });
    const input = { slug: created.slug, confirmName: created.name };
    for (const caller of [other, viewer]) {
      await expect(caller.project.archive(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await owner.project.archive(input);
    for (const caller of [other, viewer]) {
      await expect(caller.project.restore({ slug: created.slug })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(caller.project.purge(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const interview = await owner.interview.get({ slug: created.slug });
    await expect(
      owner.interview.saveAnswers({
        interviewId: interview.id,
        currentStep: 2,
        answers: { description: "x" },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "This project is archived: restore it first." });
    await expect(owner.provisioning.reprovision({ slug: created.slug })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await owner.project.get({ slug: created.slug })).archivedAt).not.toBeNull();
    await testCaller(config, TEST_USERS.admin).project.purge(input);
    await expect(owner.project.get({ slug: created.slug })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/was purged on/) as string,
    });
  });

  it("an archive interrupted after its move (its instance stopped) blocks provisioning until archived again", async () => {
    const config = await testProvisioningConfig();
    const project = await provisioned(config);
    // What a crash right after the move leaves: the folder archived, the claim never released.
    await rename(
      path.join(config.projectsDir, project.slug),
      path.join(await ensureArchiveFolder(config), project.slug),
    );
    await db.project.update({
      where: { id: project.id },
      data: { lifecycleOperation: "archive", lifecycleClaimedAt: new Date(Date.now() - 20 * 60_000) },
    });
    expect((await getProject({ db, slug: project.slug })).lifecycle.interrupted).toBe("archive");
    await expect(provisionProject({ db, config, projectId: project.id })).rejects.toMatchObject({
      code: "PROJECT_BUSY",
    });
    expect(await exists(path.join(config.projectsDir, project.slug))).toBe(false);
    await archive(project, config);
    expect(await portsOf(project.id)).toEqual([]);
  });

  it("once a purge began removing files, no restore, even after a later step failed", async () => {
    const config = await testProvisioningConfig();
    const project = await provisioned(config);
    await archive(project, config);
    const dropTrigger = await refuseWrites("Project", "DELETE", project.id);
    try {
      await expect(purge(project, config)).rejects.toMatchObject({
        code: "LIFECYCLE_STEP_FAILED",
        message: expect.stringMatching(/stopped at “Recording the change in Launchpad's database”/) as string,
      });
    } finally {
      await dropTrigger();
    }
    expect(await exists(path.join(config.projectsDir, ARCHIVE_FOLDER, project.slug))).toBe(false);
    await expect(restore(project, config)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringMatching(/purge it again to finish/) as string,
    });
    await purge(project, config);
    expect(await db.project.count({ where: { id: project.id } })).toBe(0);
  });

  it("the daily job purges what outlived its retention, once a day across instances", async () => {
    const config = await testProvisioningConfig({ archiveRetentionDays: 1 });
    const project = await provisioned(config, uniqueName("Short-lived"));
    const keep = await provisioned(config, uniqueName("Kept"));
    await archive(project, config);
    await archiveProject({
      db,
      slug: keep.slug,
      confirmName: keep.name,
      config: { ...config, archiveRetentionDays: 30 },
      audit: testAudit(),
    });
    const { retainUntil } = await stateOf(project.id);
    const now = new Date(retainUntil!.getTime() + 60_000);

    const [first, second] = await Promise.all([
      purgeExpiredProjects({ db, config, now }),
      purgeExpiredProjects({ db, config, now }),
    ]);
    const ran = [first, second].filter((run) => run.ran);
    expect(ran).toHaveLength(1);
    expect(ran[0]).toMatchObject({ purged: expect.arrayContaining([project.slug]) as string[], failed: [] });
    expect(await db.project.count({ where: { id: project.id } })).toBe(0);
    expect(await exists(path.join(config.projectsDir, ARCHIVE_FOLDER, project.slug))).toBe(false);
    expect(await exists(path.join(config.projectsDir, ARCHIVE_FOLDER, keep.slug))).toBe(true);
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { action: "project.purged", projectSlug: project.slug },
    });
    expect(entry).toMatchObject({ actorId: null, projectId: null, detail: { reason: "retention-ended" } });
    expect(await purgeExpiredProjects({ db, config, now })).toEqual({ ran: false });
  });
});
