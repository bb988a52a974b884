import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseDotenv } from "dotenv";
import { TRPCError } from "@trpc/server";
import { describe, expect, inject, it } from "vitest";
import { createAuth } from "../../auth/auth";
import { createUser } from "../accounts/create-user";
import { CLIENT_ADDRESS_HEADER } from "../../security/client-address";
import { testProvisioningConfig } from "../../test/provisioning-context";
import { testPortRange } from "../../test/port-ranges";
import { TEST_PASSWORD, TEST_USERS, testCaller, testDb, uniqueName } from "../../test/test-context";
import { auditCsvRows } from "./audit-csv";
import { auditEntriesInBatches, listAudit } from "./list-audit";
import { recordAudit } from "./record-audit";

const fromAddress = (address: string) => new Headers({ [CLIENT_ADDRESS_HEADER]: address });
const wrongPasswordFor = (address: string) => `wrong-${address}`;

/** Every audit row of a project, oldest first, as stored. */
function entriesOf(projectId: string) {
  return testDb().auditEntry.findMany({ where: { projectId }, orderBy: { at: "asc" } });
}

describe(`credentials leave the server only when revealed (${inject("databaseKind")})`, () => {
  it("save and re-provision carry no password; reveal returns it to the owner and records who, when, where", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    const owner = testCaller(config, TEST_USERS.member, fromAddress("203.0.113.7"));
    const project = await owner.project.create({ name: uniqueName("Audited") });
    const interview = await owner.interview.get({ slug: project.slug });
    const saved = await owner.interview.saveStack({
      interviewId: interview.id,
      stack: { backend: "Express", database: "postgresql", frontend: "none", css: "none" },
    });
    expect(saved.provisioning.success).toBe(true);
    const env = parseDotenv(await readFile(path.join(saved.provisioning.projectPath!, ".env"), "utf8"));
    const password = env.DB_PASSWORD!;
    expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(JSON.stringify(saved)).not.toContain(password);
    expect(saved.provisioning.credentials).toMatchObject({
      hasPassword: true,
      databaseUser: env.DB_USERNAME,
    });
    expect(saved.provisioning.credentials).not.toHaveProperty("password");

    const reprovisioned = await owner.provisioning.reprovision({ slug: project.slug });
    expect(JSON.stringify(reprovisioned)).not.toContain(password);
    const reopened = await owner.provisioning.credentials({ slug: project.slug });
    expect(JSON.stringify(reopened)).not.toContain(password);

    const revealed = await owner.provisioning.reveal({ slug: project.slug });
    expect(revealed.password).toBe(password);
    expect(revealed.connectionUrl).toBe(reopened.credentials.connectionUrl!.replace("@", `:${password}@`));

    const entries = await entriesOf(project.id);
    expect(entries.map((entry) => entry.action)).toEqual([
      "stack.saved",
      "project.reprovisioned",
      "credentials.revealed",
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        actorId: TEST_USERS.member.id,
        actorEmail: TEST_USERS.member.email,
        projectSlug: project.slug,
        clientAddress: "203.0.113.7",
      });
      expect(JSON.stringify(entry)).not.toContain(password);
    }
    expect(entries[0]!.detail).toEqual({
      backend: "express",
      database: "postgresql",
      frontend: "none",
      css: "none",
    });
    expect(entries[1]!.detail).toEqual({ attempt: 2 });

    // The owner and the admins read the project's entries; an admin's reveal is recorded as theirs.
    await testCaller(config, TEST_USERS.admin).provisioning.reveal({ slug: project.slug });
    const seen = await owner.audit.project({ slug: project.slug });
    expect(seen.total).toBe(4);
    expect(seen.entries[0]).toMatchObject({
      action: "credentials.revealed",
      actorEmail: TEST_USERS.admin.email,
    });
  });

  it("refuses reveal and the project's audit to a member who does not own it and a viewer, recording nothing", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    const owner = testCaller(config);
    const project = await owner.project.create({ name: uniqueName("Private") });
    const interview = await owner.interview.get({ slug: project.slug });
    await owner.interview.saveStack({
      interviewId: interview.id,
      stack: { backend: "Express", database: "mysql", frontend: "none", css: "none" },
    });
    const before = (await entriesOf(project.id)).length;
    for (const user of [TEST_USERS.otherMember, TEST_USERS.viewer]) {
      const caller = testCaller(config, user);
      await expect(caller.provisioning.reveal({ slug: project.slug })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(caller.audit.project({ slug: project.slug })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.audit.list({})).rejects.toBeInstanceOf(TRPCError);
    }
    expect((await entriesOf(project.id)).length).toBe(before);
  });

  it("says there is nothing to reveal for a file database, and records nothing", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    const owner = testCaller(config);
    const project = await owner.project.create({ name: uniqueName("Sqlite") });
    const interview = await owner.interview.get({ slug: project.slug });
    await owner.interview.saveStack({
      interviewId: interview.id,
      stack: { backend: "Express", database: "sqlite", frontend: "none", css: "none" },
    });
    await expect(owner.provisioning.reveal({ slug: project.slug })).rejects.toThrow(/no password to reveal/);
    expect((await entriesOf(project.id)).map((entry) => entry.action)).toEqual(["stack.saved"]);
  });
});

describe(`sign-ins in the audit (${inject("databaseKind")})`, () => {
  const auth = createAuth({
    db: testDb(),
    publicOrigin: "http://localhost:3000",
    trustedOrigins: ["http://localhost:3000"],
    secret: randomBytes(32).toString("base64"),
    signIn: { maxAttempts: 50, windowSeconds: 60 },
  });
  const signIn = (email: string, password: string, address: string) =>
    auth.handler(
      new Request("http://localhost:3000/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: address },
        body: JSON.stringify({ email, password }),
      }),
    );

  it("records a sign-in with the user and address, and a failed one with the email tried but never the password", async () => {
    const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const since = new Date();
    expect((await signIn(TEST_USERS.viewer.email, TEST_PASSWORD, address)).status).toBe(200);
    const wrongPassword = `wrong-${randomBytes(6).toString("hex")}`;
    expect((await signIn(TEST_USERS.viewer.email, wrongPassword, address)).status).toBe(401);
    expect((await signIn("Nobody@Test.Invalid", wrongPassword, address)).status).toBe(401);

    const entries = await testDb().auditEntry.findMany({
      where: { clientAddress: address, at: { gte: since } },
      orderBy: { at: "asc" },
    });
    expect(entries.map((entry) => [entry.action, entry.actorId, entry.actorEmail, entry.detail])).toEqual([
      ["account.signed_in", TEST_USERS.viewer.id, TEST_USERS.viewer.email, {}],
      ["account.sign_in_failed", null, TEST_USERS.viewer.email, { reason: "wrong email or password" }],
      ["account.sign_in_failed", null, "nobody@test.invalid", { reason: "wrong email or password" }],
    ]);
    expect(JSON.stringify(entries)).not.toContain(wrongPassword);
    expect(JSON.stringify(entries)).not.toContain(TEST_PASSWORD);
  });

  it("keeps a password typed into the email field out of the log, and session tokens out of JSON bodies", async () => {
    const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const since = new Date();
    const typedInTheWrongField = `Secret-${randomBytes(6).toString("hex")}`;
    expect((await signIn(typedInTheWrongField, wrongPasswordFor(address), address)).status).toBe(400);
    const [entry] = await testDb().auditEntry.findMany({
      where: { clientAddress: address, at: { gte: since } },
    });
    expect(entry).toMatchObject({ action: "account.sign_in_failed", actorEmail: null });
    expect(entry!.detail).toEqual({ reason: "not an email address" });
    expect(JSON.stringify(entry)).not.toContain(typedInTheWrongField);

    // The token is in the HttpOnly cookie only: neither sign-in nor get-session puts it in a body
    // that a script on the page could read.
    const signedIn = await signIn(TEST_USERS.viewer.email, TEST_PASSWORD, address);
    const body = (await signedIn.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ user: { email: TEST_USERS.viewer.email } });
    expect(body).not.toHaveProperty("token");
    const cookie = signedIn.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    const sessionToken = decodeURIComponent(cookie.split("session_token=")[1]!.split(".")[0]!);
    const session = await auth.handler(
      new Request("http://localhost:3000/api/auth/get-session", { headers: { cookie } }),
    );
    const sessionBody = await session.text();
    expect(JSON.parse(sessionBody)).toMatchObject({ user: { email: TEST_USERS.viewer.email }, session: {} });
    expect(sessionBody).not.toContain(sessionToken);
    expect(sessionBody).not.toContain('"token"');
  });
});

describe(`the admins' audit log (${inject("databaseKind")})`, () => {
  it("filters by action, email, project and day, and exports the same selection as CSV", async () => {
    const db = testDb();
    const tag = uniqueName("filter")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-");
    const project = await db.project.create({
      data: { name: tag, slug: tag, ownerId: TEST_USERS.member.id },
      select: { id: true, slug: true },
    });
    const actor = { id: TEST_USERS.member.id, email: TEST_USERS.member.email };
    await recordAudit(db, { action: "stack.saved", actor, project });
    await recordAudit(db, { action: "credentials.revealed", actor, project });
    // An email typed by a stranger that a spreadsheet would run as a formula.
    await recordAudit(db, {
      action: "account.sign_in_failed",
      actor: { id: null, email: `=HYPERLINK("x")${tag}` },
    });
    // And one whose formula follows a separator, for spreadsheets that split on ";".
    await recordAudit(db, {
      action: "account.sign_in_failed",
      actor: { id: null, email: `x;=1+1${tag}` },
    });

    const admin = testCaller(undefined, TEST_USERS.admin);
    const byProject = await admin.audit.list({ project: project.slug });
    expect(byProject.entries.map((entry) => entry.action)).toEqual(["credentials.revealed", "stack.saved"]);
    expect(byProject.entries[0]!.actionLabel).toBe("Revealed the database password");
    expect((await admin.audit.list({ project: project.slug, action: "stack.saved" })).total).toBe(1);
    expect((await admin.audit.list({ email: tag, action: "account.sign_in_failed" })).total).toBe(2);
    const today = new Date().toISOString().slice(0, 10);
    expect((await admin.audit.list({ project: project.slug, from: today, to: today })).total).toBe(2);
    expect((await admin.audit.list({ project: project.slug, to: "2000-01-01" })).total).toBe(0);
    await expect(admin.audit.list({ from: "yesterday" })).rejects.toThrow(/YYYY-MM-DD/);
    await expect(admin.audit.list({ from: today, to: "2000-01-01" })).rejects.toThrow(/swap them/);

    // The export reads in batches (here of 1) and gets every entry once, newest first.
    const batches = [];
    for await (const batch of auditEntriesInBatches({ db, filter: { project: project.slug }, batchSize: 1 }))
      batches.push(batch);
    expect(batches.flat().map((entry) => entry.action)).toEqual(["credentials.revealed", "stack.saved"]);

    const failed = await listAudit({ db, filter: { email: tag }, limit: 10 });
    const csv = auditCsvRows(failed.entries, true);
    const [header, ...rows] = csv.trimEnd().split("\r\n");
    expect(header).toBe("at,action,description,actor,project,target,client_address,detail");
    expect(rows).toHaveLength(2);
    expect(rows.join("\n")).toContain(`"'=HYPERLINK(""x"")${tag}"`);
    expect(rows.join("\n")).toContain(`,"x;=1+1${tag}",`);
  });
});

describe(`account changes in the audit (${inject("databaseKind")})`, () => {
  it("records reset links, resets and role changes with the account acted upon, never the link", async () => {
    const db = testDb();
    const email = `${uniqueName("audited")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")}@test.invalid`;
    const user = await createUser({
      db,
      account: { email, name: "Audited Person", password: TEST_PASSWORD, role: "member" },
    });
    const since = new Date();
    const admin = testCaller(undefined, TEST_USERS.admin, fromAddress("192.0.2.10"));
    const link = await admin.admin.createPasswordReset({ userId: user.id });
    const token = link.url.split("/reset-password/")[1]!;
    await testCaller(undefined, null, fromAddress("192.0.2.11")).account.resetPassword({
      token,
      password: "a-new-password-1",
    });
    await admin.admin.setRole({ userId: user.id, role: "viewer" });

    const entries = await db.auditEntry.findMany({
      where: { targetEmail: email, at: { gte: since } },
      orderBy: { at: "asc" },
    });
    expect(entries.map((entry) => [entry.action, entry.actorEmail, entry.clientAddress])).toEqual([
      ["account.password_reset_link_created", TEST_USERS.admin.email, "192.0.2.10"],
      ["account.password_reset", email, "192.0.2.11"],
      ["account.role_changed", TEST_USERS.admin.email, "192.0.2.10"],
    ]);
    expect(entries[2]!.detail).toEqual({ from: "member", to: "viewer" });
    const stored = JSON.stringify(entries);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain("a-new-password-1");
  });
});
