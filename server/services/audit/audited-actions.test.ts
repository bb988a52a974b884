import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createCaller } from "../../api/root";
import type { SessionUser } from "../../auth/session";
import { createPrismaClient, type PrismaClient } from "../../db/client";
import { startEmbeddedDatabase } from "../../db/embedded";
import { prepareDatabase } from "../../db/prepare";
import { CLIENT_ADDRESS_HEADER } from "../../security/client-address";
import type { AuditAction } from "../../shared/audit";
import { createScratchDatabase } from "../../test/global-setup";
import { testProvisioningConfig } from "../../test/provisioning-context";
import { TEST_PASSWORD, testDb, uniqueName } from "../../test/test-context";
import { createUser } from "../accounts/create-user";
import { issueSetupToken } from "../accounts/setup-token";
import type { ProvisioningConfig } from "../provisioning/provisioning-config";

/**
 * Every audited action writes its entry in its own transaction (issue 23). A trigger on the audit
 * table refuses one action's entry at a time; the action, called through tRPC like the app calls
 * it, must then fail and change nothing: no role, password, session, link, project, run or entry
 * of this test's accounts differs. The same call without the refusal then succeeds and leaves its
 * entry, so the refusal was the only reason it failed. No mock: a real trigger on the real database.
 *
 * The trigger only refuses entries whose actor is one of this file's accounts (@atomic.invalid),
 * so the other test files sharing the database are not touched.
 */
const DOMAIN = "@atomic.invalid";
const TRIGGER = "launchpad_test_refuse_audit";

/** Makes the trigger refuse `action`'s entries by this file's accounts; "" refuses nothing. */
async function refuse(db: PrismaClient, action: AuditAction | "") {
  // The action is one of the fixed codes (typed), never input: safe to put in the function's body.
  await db.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION ${TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF NEW."actorEmail" LIKE '%${DOMAIN}' AND NEW.action = '${action}' THEN
        RAISE EXCEPTION 'the test refuses this audit entry';
      END IF;
      RETURN NEW;
    END $fn$`);
}

async function installTrigger(db: PrismaClient) {
  await refuse(db, "");
  await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${TRIGGER} ON "AuditEntry"`);
  await db.$executeRawUnsafe(
    `CREATE TRIGGER ${TRIGGER} BEFORE INSERT ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION ${TRIGGER}()`,
  );
}

async function removeTrigger(db: PrismaClient) {
  await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${TRIGGER} ON "AuditEntry"`);
  await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS ${TRIGGER}()`);
}

/** Everything an audited action may change, for this file's accounts and their projects. */
async function snapshot(db: PrismaClient) {
  const users = await db.user.findMany({
    where: { email: { endsWith: DOMAIN } },
    orderBy: { email: "asc" },
    select: {
      id: true,
      email: true,
      role: true,
      deactivatedAt: true,
      accounts: { select: { password: true } },
      sessions: { select: { id: true }, orderBy: { id: "asc" } },
    },
  });
  const ids = users.map((user) => user.id);
  const [invites, resets, projects, entries] = await Promise.all([
    db.invite.findMany({
      where: { OR: [{ createdById: { in: ids } }, { email: { endsWith: DOMAIN } }] },
      orderBy: { id: "asc" },
    }),
    db.passwordReset.findMany({
      where: { OR: [{ createdById: { in: ids } }, { userId: { in: ids } }] },
      orderBy: { id: "asc" },
    }),
    db.project.findMany({
      where: { ownerId: { in: ids } },
      orderBy: { id: "asc" },
      include: { runs: { orderBy: { attempt: "asc" } }, interview: true, credentials: true, ports: true },
    }),
    db.auditEntry.findMany({
      where: { actorEmail: { endsWith: DOMAIN } },
      orderBy: { id: "asc" },
      select: { id: true, action: true },
    }),
  ]);
  return { users, invites, resets, projects, entries };
}

const entriesOf = async (db: PrismaClient, action: AuditAction) =>
  db.auditEntry.count({ where: { action, actorEmail: { endsWith: DOMAIN } } });

/**
 * Refuses `action`'s entry and runs `act`: it must fail as a server error and change nothing. Then
 * runs it again without the refusal: it must succeed and write exactly one such entry.
 */
async function expectAtomic<T>(db: PrismaClient, action: AuditAction, act: () => Promise<T>): Promise<T> {
  const before = await snapshot(db);
  await refuse(db, action);
  try {
    await expect(act()).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
  } finally {
    await refuse(db, "");
  }
  expect(await snapshot(db)).toEqual(before);

  const entriesBefore = await entriesOf(db, action);
  const result = await act();
  expect(await entriesOf(db, action)).toBe(entriesBefore + 1);
  return result;
}

const newEmail = (name: string) => `${uniqueName(name).toLowerCase().replace(/\W+/g, "-")}${DOMAIN}`;
const fromSomewhere = () =>
  new Headers({ [CLIENT_ADDRESS_HEADER]: `198.51.100.${Math.floor(Math.random() * 250) + 1}` });

async function account(db: PrismaClient, name: string, role: SessionUser["role"]): Promise<SessionUser> {
  const user = await createUser({
    db,
    account: { email: newEmail(name), name, password: TEST_PASSWORD, role },
  });
  return { id: user.id, email: user.email, name: user.name, role };
}

/** A session row of `user`, as Better Auth stores one; returns its id. */
async function sessionOf(db: PrismaClient, user: SessionUser): Promise<string> {
  const id = randomUUID();
  await db.session.create({
    data: {
      id,
      userId: user.id,
      token: randomBytes(24).toString("base64url"),
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  return id;
}

function callerFor(
  db: PrismaClient,
  user: SessionUser | null,
  config: ProvisioningConfig | null,
  sessionId: string | null = null,
) {
  return createCaller({
    db,
    user,
    headers: fromSomewhere(),
    userLimits: null,
    currentSessionId: () => Promise.resolve(sessionId),
    provisioningConfig: () => {
      if (!config) throw new Error("this caller does not provision");
      return config;
    },
  });
}

const tokenOf = (url: string) => url.split("/").at(-1)!;

describe(`every audited action writes its entry in its own transaction (${inject("databaseKind")})`, () => {
  const db = testDb();
  let config: ProvisioningConfig;
  let admin: SessionUser;
  let member: SessionUser;

  beforeAll(async () => {
    await installTrigger(db);
    config = await testProvisioningConfig();
    admin = await account(db, "admin", "admin");
    member = await account(db, "member", "member");
  });
  afterAll(async () => {
    await removeTrigger(db);
  });

  it("account administration: invites, reset links, roles, deactivation", async () => {
    const asAdmin = callerFor(db, admin, null);
    const invite = await expectAtomic(db, "account.invite_created", () =>
      asAdmin.admin.createInvite({ role: "member" }),
    );
    await expectAtomic(db, "account.invite_revoked", () =>
      asAdmin.admin.revokeInvite({ inviteId: invite.id }),
    );
    const target = await account(db, "target", "member");
    await expectAtomic(db, "account.password_reset_link_created", () =>
      asAdmin.admin.createPasswordReset({ userId: target.id }),
    );
    await expectAtomic(db, "account.role_changed", () =>
      asAdmin.admin.setRole({ userId: target.id, role: "viewer" }),
    );
    await expectAtomic(db, "account.deactivated", () => asAdmin.admin.deactivate({ userId: target.id }));
    await expectAtomic(db, "account.reactivated", () => asAdmin.admin.reactivate({ userId: target.id }));
  });

  it("links: accepting an invite and resetting a password", async () => {
    const asAdmin = callerFor(db, admin, null);
    const anonymous = callerFor(db, null, null);
    const invite = await asAdmin.admin.createInvite({ role: "viewer" });
    await expectAtomic(db, "account.invite_accepted", () =>
      anonymous.account.acceptInvite({
        token: tokenOf(invite.url),
        name: "Invitee",
        email: newEmail("invitee"),
        password: TEST_PASSWORD,
      }),
    );
    const target = await account(db, "resets", "member");
    await sessionOf(db, target);
    const reset = await asAdmin.admin.createPasswordReset({ userId: target.id });
    await expectAtomic(db, "account.password_reset", () =>
      anonymous.account.resetPassword({ token: tokenOf(reset.url), password: "a-new-password-1" }),
    );
  });

  it("one's own account: the password and the sessions", async () => {
    const user = await account(db, "self", "member");
    const here = await sessionOf(db, user);
    const elsewhere = await sessionOf(db, user);
    await sessionOf(db, user);
    const asUser = callerFor(db, user, null, here);
    await expectAtomic(db, "account.password_changed", () =>
      asUser.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "a-new-password-2" }),
    );
    const other = await sessionOf(db, user);
    await expectAtomic(db, "account.session_ended", () => asUser.account.endSession({ sessionId: other }));
    await sessionOf(db, user);
    await expectAtomic(db, "account.session_ended", () => asUser.account.endOtherSessions());
    expect(await db.session.count({ where: { id: { in: [here, elsewhere] } } })).toBe(1);
  });

  it("projects: saving the stack, re-provisioning, revealing the password, transferring ownership", async () => {
    const asOwner = callerFor(db, member, config);
    const project = await asOwner.project.create({ name: uniqueName("Atomic") });
    const interview = await asOwner.interview.get({ slug: project.slug });
    const saved = await expectAtomic(db, "stack.saved", () =>
      asOwner.interview.saveStack({
        interviewId: interview.id,
        stack: { backend: "Express", database: "postgresql", frontend: "none", css: "none" },
      }),
    );
    expect(saved.provisioning.success).toBe(true);
    const again = await expectAtomic(db, "project.reprovisioned", () =>
      asOwner.provisioning.reprovision({ slug: project.slug }),
    );
    expect(again.success).toBe(true);
    await expectAtomic(db, "credentials.revealed", () => asOwner.provisioning.reveal({ slug: project.slug }));
    const newOwner = await account(db, "new-owner", "member");
    await expectAtomic(db, "project.ownership_transferred", () =>
      callerFor(db, admin, null).project.transferOwnership({
        slug: project.slug,
        newOwnerEmail: newOwner.email,
      }),
    );
  });
});

describe(`the first-start setup writes its entry with the first account (${inject("databaseKind")})`, () => {
  it("a refused entry leaves no account and the token unspent", async () => {
    const serverUrl = process.env.TEST_DATABASE_URL?.trim();
    const database = serverUrl ? await createScratchDatabase(serverUrl) : await startEmbeddedDatabase();
    const db = createPrismaClient(database.url, 2);
    try {
      await prepareDatabase(database.url);
      await installTrigger(db);
      const token = await issueSetupToken(db);
      const anonymous = callerFor(db, null, null);
      const input = { token, name: "First", email: newEmail("first"), password: TEST_PASSWORD };
      await refuse(db, "account.setup_completed");
      await expect(anonymous.account.setup(input)).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
      expect(await db.user.count()).toBe(0);
      expect(await db.setupToken.count()).toBe(1);
      expect(await db.auditEntry.count()).toBe(0);

      await refuse(db, "");
      await expect(anonymous.account.setup(input)).resolves.toEqual({ email: input.email });
      expect(await db.user.count()).toBe(1);
      expect(await db.setupToken.count()).toBe(0);
      expect(await entriesOf(db, "account.setup_completed")).toBe(1);
    } finally {
      await db.$disconnect();
      await database.stop();
    }
  });
});
