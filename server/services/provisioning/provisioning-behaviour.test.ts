import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { createProjectWithStack, testProvisioningConfig } from "../../test/provisioning-context";
import { testAudit, testDb, uniqueName } from "../../test/test-context";
import { decryptSecret } from "../../security/secret-box";
import { isAppError } from "../../errors/app-error";
import type { Stack } from "../../../provisioning/stack";
import { provisionProject } from "./provision-project";
import { PORT_BIND_CHECK_SKIPPED } from "./port-bind-check";
import { revealProjectCredentials } from "./get-credentials";
import { testPortRange } from "../../test/port-ranges";

const laravelPostgres: Stack = {
  backend: "laravel",
  database: "postgresql",
  frontend: "none",
  css: "tailwind",
};
const db = testDb();

/** Entries of the projects folder other than the given project folders: staging leftovers, strays. */
async function strays(projectsDir: string, keep: string[] = []) {
  return (await readdir(projectsDir)).filter((entry) => !keep.includes(entry));
}

describe(`provisioning (${inject("databaseKind")})`, () => {
  it("re-provisions with the same credentials and ports, and keeps files the user changed", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    const project = await createProjectWithStack(db, laravelPostgres);
    const first = await provisionProject({ db, projectId: project.id, config });
    expect(first.success).toBe(true);
    const dir = first.projectPath ?? "";

    await writeFile(path.join(dir, "README.md"), "# My own notes\n");
    const appFile = path.join(dir, "backend", "app", "artisan");
    await writeFile(appFile, "<?php // the user's code\n");

    const second = await provisionProject({ db, projectId: project.id, config });
    expect(second).toMatchObject({ success: true, attempt: 2, filesKeptAsNew: ["README.md"] });
    expect(second.credentials).toEqual(first.credentials);
    expect(await readFile(path.join(dir, "README.md"), "utf8")).toBe("# My own notes\n");
    expect(await readFile(path.join(dir, "README.md.launchpad-new"), "utf8")).toMatch(/^# Provisioned/);
    expect(await readFile(appFile, "utf8")).toBe("<?php // the user's code\n");
    expect(await strays(config.projectsDir, [project.slug])).toEqual([]);

    const runs = await db.provisioningRun.findMany({
      where: { projectId: project.id },
      orderBy: { attempt: "asc" },
    });
    expect(runs.map((run) => [run.attempt, run.status])).toEqual([
      [1, "succeeded"],
      [2, "succeeded"],
    ]);
  });

  it("drops the database credentials and ports when the new stack no longer uses them", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    const project = await createProjectWithStack(db, laravelPostgres);
    const first = await provisionProject({ db, projectId: project.id, config });
    await db.project.update({ where: { id: project.id }, data: { database: "sqlite" } });
    const second = await provisionProject({ db, projectId: project.id, config });
    expect(second.success).toBe(true);
    expect(second.credentials).toMatchObject({
      databaseKind: "file",
      hasPassword: false,
      appPort: first.credentials?.appPort,
    });
    expect(await db.projectCredentials.count({ where: { projectId: project.id } })).toBe(0);
    expect(
      await db.portAllocation.findMany({ where: { projectId: project.id }, select: { purpose: true } }),
    ).toEqual([{ purpose: "app" }]);
  });

  it("stores the password only encrypted, and a changed byte fails to decrypt with a clear error", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    const project = await createProjectWithStack(db, laravelPostgres);
    const result = await provisionProject({ db, projectId: project.id, config });
    expect(result.credentials?.hasPassword).toBe(true);
    const { revealed } = await revealProjectCredentials({
      db,
      projectId: project.id,
      key: config.key,
      audit: testAudit(),
    });
    const password = revealed.password;
    expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(JSON.stringify(result)).not.toContain(password);
    expect(revealed.connectionUrl).toContain(`:${password}@`);
    expect(result.credentials?.connectionUrl).toBe(revealed.connectionUrl.replace(`:${password}@`, "@"));
    const stored = await db.projectCredentials.findUniqueOrThrow({ where: { projectId: project.id } });
    expect(stored.passwordEncrypted).not.toContain(password);
    expect(decryptSecret(stored.passwordEncrypted, config.key)).toBe(password);
    const tampered =
      stored.passwordEncrypted.slice(0, -2) + (stored.passwordEncrypted.endsWith("A") ? "BB" : "AA");
    expect(() => decryptSecret(tampered, config.key)).toThrow(/could not be decrypted/);

    // No table holds the password in plain text: read every row of every table as text.
    const tables = await db.$queryRaw<{ name: string }[]>`
      SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    expect(tables.length).toBeGreaterThanOrEqual(7);
    for (const { name } of tables) {
      const rows = await db.$queryRawUnsafe<{ row: string }[]>(
        `SELECT row_to_json(t)::text AS row FROM "${name}" t`,
      );
      expect(
        rows.some((r) => r.row.includes(password)),
        `table ${name}`,
      ).toBe(false);
    }
  });

  it("skips ports something on this host already listens on", async () => {
    // Four ports for a stack that needs three, one of them busy: only the other three can be given.
    const range = await testPortRange(4);
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(range.start, "127.0.0.1", resolve));
    try {
      const config = await testProvisioningConfig({ portRange: range });
      const project = await createProjectWithStack(db, laravelPostgres);
      const result = await provisionProject({ db, projectId: project.id, config });
      expect(result.success).toBe(true);
      const ports = [result.credentials?.appPort, result.credentials?.port, result.credentials?.adminPort];
      expect(ports.sort()).toEqual([range.start + 1, range.start + 2, range.start + 3]);
    } finally {
      busy.close();
    }
  });

  it("without the bind test (a container, several machines), hands out ports by the database alone and says so", async () => {
    // Three ports for a stack that needs three, one busy on this host: all three are handed out.
    const range = await testPortRange(3);
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(range.start, "127.0.0.1", resolve));
    try {
      const config = await testProvisioningConfig({ portRange: range, portBindCheck: false });
      const project = await createProjectWithStack(db, laravelPostgres);
      const result = await provisionProject({ db, projectId: project.id, config });
      expect(result.success).toBe(true);
      const ports = [result.credentials?.appPort, result.credentials?.port, result.credentials?.adminPort];
      expect(ports.sort()).toEqual([range.start, range.start + 1, range.start + 2]);
      const run = await db.provisioningRun.findFirstOrThrow({ where: { projectId: project.id } });
      expect(run.logTail).toContain(PORT_BIND_CHECK_SKIPPED);
    } finally {
      busy.close();
    }
  });
});

describe(`a trusted catalogue (${inject("databaseKind")})`, () => {
  it("ignores a catalogue row rewritten in the database: generated files come from the code", async () => {
    const marker = path.join(os.tmpdir(), `launchpad-tampered-${uniqueName("x").replace(/\W/g, "")}`);
    const row = await db.technology.findUniqueOrThrow({
      where: { category_slug: { category: "backend", slug: "laravel" } },
    });
    const tampered = {
      ...(row.provisioning as Record<string, unknown>),
      bootstrap: { image: "alpine:3", command: ["touch", marker] },
    };
    await db.technology.update({ where: { id: row.id }, data: { provisioning: tampered } });
    try {
      const config = await testProvisioningConfig();
      const project = await createProjectWithStack(db, laravelPostgres);
      const result = await provisionProject({ db, projectId: project.id, config });
      expect(result.success).toBe(true);
      const setup = await readFile(path.join(result.projectPath ?? "", "setup.sh"), "utf8");
      expect(setup).not.toContain(marker);
      expect(setup).not.toContain("alpine:3");
      expect(setup).toContain("laravel/laravel");
    } finally {
      await db.technology.update({ where: { id: row.id }, data: { provisioning: row.provisioning ?? {} } });
    }
  });
});

describe(`provisioning failures (${inject("databaseKind")})`, () => {
  it("says so when the port range is exhausted, and writes no folder", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange(2) });
    const project = await createProjectWithStack(db, laravelPostgres);
    const result = await provisionProject({ db, projectId: project.id, config });
    expect(result).toMatchObject({ success: false, status: "failed", errorCode: "PORT_RANGE_EXHAUSTED" });
    const { start, end } = config.portRange;
    expect(result.error).toBe(
      `No free host port is left in ${start}-${end}. Widen PROVISION_PORT_RANGE_START/END, or archive projects you no longer need (archiving gives their ports back).`,
    );
    expect(await strays(config.projectsDir)).toEqual([]);
    const run = await db.provisioningRun.findUniqueOrThrow({ where: { id: result.runId ?? "" } });
    expect(run).toMatchObject({ status: "failed", error: result.error });
    expect(run.finishedAt).not.toBeNull();
  });

  it("times out a script, records the reason, and leaves nothing behind", async () => {
    // A shellcheck that never answers: a real hang, so the outcome does not depend on scheduling.
    const toolDir = await mkdtemp(path.join(os.tmpdir(), "launchpad-hanging-tool-"));
    const hangingShellcheck = path.join(toolDir, "shellcheck");
    await writeFile(hangingShellcheck, "#!/bin/sh\nexec sleep 300\n", { mode: 0o755 });
    const config = await testProvisioningConfig({
      portRange: await testPortRange(),
      timeoutMs: 500,
      shellcheck: hangingShellcheck,
    });
    const project = await createProjectWithStack(db, laravelPostgres);
    const result = await provisionProject({ db, projectId: project.id, config });
    expect(result).toMatchObject({ success: false, error: "Provisioning timed out after 0.5 s" });
    expect(result.scriptsUsed).toEqual(["check-shell-script.sh"]);
    expect(await strays(config.projectsDir)).toEqual([]);
    const run = await db.provisioningRun.findUniqueOrThrow({ where: { id: result.runId ?? "" } });
    expect(run).toMatchObject({
      status: "failed",
      error: "Provisioning timed out after 0.5 s",
      failedStep: "check",
      failureFault: "environment",
    });
    expect(result.failure).toMatchObject({ step: "check", stepLabel: "Checking the generated files" });
    expect(result.failure?.advice).toMatch(/too slow or too busy.*PROVISION_TIMEOUT_MS/);
  });

  it("calls a generated file that fails Launchpad's own check Launchpad's fault, with the checker's output", async () => {
    // The real shellcheck with every optional check switched on: a real verdict against the real
    // setup.sh, stricter than the one Launchpad ships with, so the generated file fails its check.
    const toolDir = await mkdtemp(path.join(os.tmpdir(), "launchpad-strict-tool-"));
    const strictShellcheck = path.join(toolDir, "shellcheck");
    await writeFile(strictShellcheck, '#!/bin/sh\nexec shellcheck --enable=all --severity=style "$@"\n', {
      mode: 0o755,
    });
    const config = await testProvisioningConfig({
      portRange: await testPortRange(),
      shellcheck: strictShellcheck,
    });
    const project = await createProjectWithStack(db, laravelPostgres);
    const result = await provisionProject({ db, projectId: project.id, config });
    expect(result).toMatchObject({ success: false, error: "setup.sh did not pass bash -n and shellcheck." });
    expect(result.failure).toMatchObject({ step: "check", fault: "launchpad" });
    expect(result.failure?.advice).toMatch(/Launchpad's own fault/);
    expect(result.failure?.advice).not.toMatch(/fix the cause|press Re-provision/i);
    expect(result.nextSteps.join(" ")).not.toMatch(/Re-provision/);
    expect(await strays(config.projectsDir)).toEqual([]);
    const run = await db.provisioningRun.findUniqueOrThrow({ where: { id: result.runId ?? "" } });
    expect(run).toMatchObject({ failedStep: "check", failureFault: "launchpad" });
    // The checker's own words are in the run's output, for whoever reports it.
    expect(run.logTail).toMatch(/SC\d{4}/);
    expect(run.logTail).toMatch(/Failed while checking the generated files: setup\.sh did not pass/);
  });

  it("refuses a slug that would leave the projects folder", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    const outside = path.join(path.dirname(config.projectsDir), "escape");
    const project = await db.project.create({
      data: {
        name: uniqueName(),
        slug: `../escape-${path.basename(config.projectsDir)}`,
        ...laravelPostgres,
        stackSavedAt: new Date(),
      },
    });
    const result = await provisionProject({ db, projectId: project.id, config });
    expect(result).toMatchObject({ success: false, errorCode: "UNSAFE_PATH" });
    expect(result.error).toMatch(/is not a safe folder name/);
    expect(existsSync(outside)).toBe(false);
    expect(await strays(config.projectsDir)).toEqual([]);
  });

  it("refuses to write through a symbolic link in the way, and succeeds once it is removed", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), "launchpad-elsewhere-"));
    const project = await createProjectWithStack(db, laravelPostgres);
    await symlink(elsewhere, path.join(config.projectsDir, project.slug));

    const refused = await provisionProject({ db, projectId: project.id, config });
    expect(refused).toMatchObject({ success: false, errorCode: "UNSAFE_PATH" });
    expect(refused.error).toMatch(/is a symbolic link/);
    expect(await readdir(elsewhere)).toEqual([]);

    await rm(path.join(config.projectsDir, project.slug));
    const retried = await provisionProject({ db, projectId: project.id, config });
    expect(retried).toMatchObject({ success: true, attempt: 2 });
  });

  it("refuses a symbolic link inside an existing project on re-provision", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    const project = await createProjectWithStack(db, laravelPostgres);
    const first = await provisionProject({ db, projectId: project.id, config });
    const target = path.join(os.tmpdir(), `launchpad-target-${project.slug}`);
    await writeFile(target, "untouched\n");
    const compose = path.join(first.projectPath ?? "", "docker-compose.yml");
    await rm(compose);
    await symlink(target, compose);
    const second = await provisionProject({ db, projectId: project.id, config });
    expect(second).toMatchObject({ success: false, errorCode: "UNSAFE_PATH" });
    expect(await readFile(target, "utf8")).toBe("untouched\n");
  });

  it("lets one run at a time per project: a concurrent request gets a typed conflict", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    const project = await createProjectWithStack(db, laravelPostgres);
    const outcomes = await Promise.allSettled([
      provisionProject({ db, projectId: project.id, config }),
      provisionProject({ db, projectId: project.id, config }),
      provisionProject({ db, projectId: project.id, config }),
    ]);
    const succeeded = outcomes.filter((o) => o.status === "fulfilled" && o.value.success);
    const conflicts = outcomes.filter(
      (o) => o.status === "rejected" && isAppError(o.reason, "PROVISIONING_IN_PROGRESS"),
    );
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    expect(succeeded.length + conflicts.length).toBe(3);
    expect(conflicts.length).toBeGreaterThanOrEqual(1);

    // With a run another live instance holds, a new request is refused by the database's partial index.
    await db.provisioningRun.create({
      data: {
        projectId: project.id,
        attempt: 99,
        status: "running",
        stack: {},
        instanceId: "other-instance:1:abcdef",
        leaseExpiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    await expect(provisionProject({ db, projectId: project.id, config })).rejects.toMatchObject({
      code: "PROVISIONING_IN_PROGRESS",
      message: "This project is being provisioned right now. Wait for that run to finish, then try again.",
    });
    expect(await strays(config.projectsDir, [project.slug])).toEqual([]);
  });

  it("fails with a clear reason when a file is where the project folder should be", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    const project = await createProjectWithStack(db, laravelPostgres);
    await mkdir(config.projectsDir, { recursive: true });
    await writeFile(path.join(config.projectsDir, project.slug), "not a folder");
    const result = await provisionProject({ db, projectId: project.id, config });
    expect(result.error).toBe(
      `A file named projects/${project.slug} is in the way: move it, then re-provision.`,
    );
  });
});

describe(`interrupted runs (${inject("databaseKind")})`, () => {
  it("never lets a run stay running for ever: an old one is marked interrupted by the next claim", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    const project = await createProjectWithStack(db, laravelPostgres);
    const stale = await db.provisioningRun.create({
      data: {
        projectId: project.id,
        attempt: 1,
        status: "running",
        stack: {},
        startedAt: new Date(Date.now() - 3_600_000),
      },
    });
    const result = await provisionProject({ db, projectId: project.id, config });
    expect(result).toMatchObject({ success: true, attempt: 2 });
    const after = await db.provisioningRun.findUniqueOrThrow({ where: { id: stale.id } });
    expect(after.status).toBe("failed");
    expect(after.error).toMatch(/^Interrupted/);
  });
});
