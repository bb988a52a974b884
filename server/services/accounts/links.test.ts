import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, inject, it } from "vitest";
import { SERVED_AUTH_ENDPOINTS } from "../../auth/served-paths";
import { addressGroup, assertUnderLinkLimit } from "../../security/rate-limit";
import {
  configurePasswordHashing,
  hashPasswordInTurn,
  passwordHashesStarted,
  TOO_MANY_HASHES,
} from "../../security/password-hashing";
import { testAuth } from "../../test/test-auth";
import {
  TEST_PASSWORD,
  TEST_USERS,
  testAudit,
  testCaller,
  testDb,
  uniqueName,
} from "../../test/test-context";
import { createUser } from "./create-user";
import { acceptInvite, createInvite, findOpenInvite, listOpenInvites, revokeInvite } from "./invites";
import { deactivateUser, setRole } from "./manage-users";
import { LINK_UNUSABLE } from "./one-time-token";
import { createPasswordReset, resetLinkProblem, resetPassword } from "./password-resets";

/**
 * Team mode, part 1 (issue 19), on the run's real database: links die with their maker, every dead
 * link answers one message before any password is hashed, invites can be listed, bound and revoked,
 * the open procedures are limited per address in the database, password hashing is capped per
 * process with sign-ins in a pool of their own, and Better Auth answers only its allowlisted paths.
 */
const ORIGIN = "http://localhost:3000";
const email = (label: string) => `${uniqueName(label).toLowerCase().replace(/\W+/g, "-")}@test.invalid`;
const tokenOf = (url: string) => url.split("/").at(-1)!;

/** An admin of its own, so deactivating or demoting it touches no other test. */
async function freshAdmin() {
  return createUser({
    db: testDb(),
    account: { email: email("admin"), name: "Temporary Admin", password: TEST_PASSWORD, role: "admin" },
  });
}

async function inviteFrom(
  createdById: string,
  options: { email?: string; now?: Date; lifetimeHours?: number } = {},
) {
  const invite = await createInvite({
    db: testDb(),
    role: "admin",
    audit: testAudit(await testDb().user.findUniqueOrThrow({ where: { id: createdById } })),
    publicOrigin: ORIGIN,
    ...options,
  });
  return { ...invite, token: tokenOf(invite.url) };
}

/** A new member's password reset link, made by `adminId`. */
async function resetLinkMadeBy(adminId: string) {
  const target = await createUser({
    db: testDb(),
    account: { email: email("target"), name: "Target", password: TEST_PASSWORD, role: "member" },
  });
  const maker = await testDb().user.findUniqueOrThrow({ where: { id: adminId } });
  return createPasswordReset({
    db: testDb(),
    userId: target.id,
    audit: testAudit(maker),
    publicOrigin: ORIGIN,
  });
}

const accept = (token: string, address = email("invitee")) =>
  acceptInvite({
    db: testDb(),
    input: { token, name: "Invitee", email: address, password: TEST_PASSWORD },
    audit: { headers: null },
  });

afterEach(() => configurePasswordHashing());

describe(`links die with their maker (${inject("databaseKind")})`, () => {
  it("deactivating an admin withdraws their unused invites and reset links; neither opens an account", async () => {
    const admin = await freshAdmin();
    const invite = await inviteFrom(admin.id);
    const reset = await resetLinkMadeBy(admin.id);

    const deactivated = await deactivateUser({ db: testDb(), userId: admin.id, audit: testAudit() });
    expect(deactivated.linksWithdrawn).toBe(2);
    await expect(accept(invite.token)).rejects.toMatchObject({ code: "FORBIDDEN", message: LINK_UNUSABLE });
    await expect(
      resetPassword({
        db: testDb(),
        audit: { headers: null },
        input: { token: tokenOf(reset.url), password: "taken-over-password" },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: LINK_UNUSABLE });
    expect(await testDb().invite.findUniqueOrThrow({ where: { id: invite.id } })).toMatchObject({
      acceptedAt: null,
      revokedAt: expect.any(Date) as Date,
    });
  });

  it("demoting an admin withdraws their links too", async () => {
    const admin = await freshAdmin();
    const invite = await inviteFrom(admin.id);
    const changed = await setRole({ db: testDb(), userId: admin.id, role: "member", audit: testAudit() });
    expect(changed.linksWithdrawn).toBe(1);
    await expect(accept(invite.token)).rejects.toMatchObject({ message: LINK_UNUSABLE });
  });

  it("a claim checks its maker in its own statement: a demotion between the check and the claim counts", async () => {
    const admin = await freshAdmin();
    const invite = await inviteFrom(admin.id);
    const reset = await resetLinkMadeBy(admin.id);
    // The maker loses the admin role after the link was checked and before it is claimed, as a
    // concurrent change could: the first statement of the claim's own transaction demotes them (the
    // link is not withdrawn), and the transaction's rollback undoes it again.
    const demotedMidway = new Proxy(testDb(), {
      get(db, property, receiver) {
        if (property !== "$transaction") return Reflect.get(db, property, receiver) as unknown;
        return (work: (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]) => Promise<unknown>) =>
          db.$transaction(async (tx) => {
            await tx.user.update({ where: { id: admin.id }, data: { role: "viewer" } });
            return work(tx);
          });
      },
    });
    await expect(
      acceptInvite({
        db: demotedMidway,
        audit: { headers: null },
        input: { token: invite.token, name: "Invitee", email: email("midway"), password: TEST_PASSWORD },
      }),
    ).rejects.toMatchObject({ message: LINK_UNUSABLE });
    await expect(
      resetPassword({
        db: demotedMidway,
        audit: { headers: null },
        input: { token: tokenOf(reset.url), password: "taken-over-password" },
      }),
    ).rejects.toMatchObject({ message: LINK_UNUSABLE });
    // Nothing was claimed, and the maker is still an admin: both links still work.
    expect((await testDb().user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
    expect(await resetLinkProblem({ db: testDb(), token: tokenOf(reset.url) })).toBeNull();
    await expect(accept(invite.token)).resolves.toMatchObject({ role: "admin" });
  });
});

describe(`invites (${inject("databaseKind")})`, () => {
  it("answer one message for unknown, used, expired and revoked links, before any password is hashed", async () => {
    const used = await inviteFrom(TEST_USERS.admin.id);
    await accept(used.token);
    const expired = await inviteFrom(TEST_USERS.admin.id, { now: new Date(Date.now() - 73 * 3_600_000) });
    const revoked = await inviteFrom(TEST_USERS.admin.id);
    await revokeInvite({ db: testDb(), inviteId: revoked.id, audit: testAudit() });
    const address = email("taken");
    await createUser({
      db: testDb(),
      account: { email: address, name: "Taken", password: TEST_PASSWORD, role: "member" },
    });

    const hashesBefore = passwordHashesStarted();
    for (const token of ["made-up-token", used.token, expired.token, revoked.token]) {
      // Even with an email that has an account: a dead link says nothing about accounts.
      await expect(accept(token, address)).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: LINK_UNUSABLE,
      });
      expect(await findOpenInvite({ db: testDb(), token })).toBeNull();
    }
    expect(passwordHashesStarted()).toBe(hashesBefore);
  });

  it("last the configured time, may be bound to one email, and are listed until used or revoked", async () => {
    const now = new Date();
    const bound = await inviteFrom(TEST_USERS.admin.id, { email: email("bound"), lifetimeHours: 5, now });
    expect(bound.expiresAt.getTime() - now.getTime()).toBe(5 * 3_600_000);
    const listed = await listOpenInvites({ db: testDb() });
    expect(listed.find((invite) => invite.id === bound.id)).toMatchObject({
      email: bound.email,
      createdBy: { email: TEST_USERS.admin.email },
    });
    await expect(accept(bound.token, email("someone-else"))).rejects.toThrow(/for another email address/);
    await expect(accept(bound.token, bound.email!.toUpperCase())).resolves.toMatchObject({ role: "admin" });
    expect((await listOpenInvites({ db: testDb() })).some((invite) => invite.id === bound.id)).toBe(false);
  });

  it("are listed and revoked by admins only, and a revocation is audited", async () => {
    const invite = await inviteFrom(TEST_USERS.admin.id);
    for (const who of [TEST_USERS.member, TEST_USERS.viewer]) {
      const caller = testCaller(undefined, who);
      await expect(caller.admin.invites()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.admin.revokeInvite({ inviteId: invite.id })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    const admin = testCaller(undefined, TEST_USERS.admin);
    expect((await admin.admin.invites()).some((open) => open.id === invite.id)).toBe(true);
    await admin.admin.revokeInvite({ inviteId: invite.id });
    await expect(admin.admin.revokeInvite({ inviteId: invite.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const entry = await testDb().auditEntry.findFirst({
      where: { action: "account.invite_revoked", actorId: TEST_USERS.admin.id },
      orderBy: { at: "desc" },
    });
    expect(entry?.detail).toMatchObject({ role: "admin" });
  });
});

describe(`the open procedures' limit per address (${inject("databaseKind")})`, () => {
  it("counts in the database, refuses past the limit with a retry time, and starts again after the window", async () => {
    const address = `192.0.2.${Math.floor(Math.random() * 250) + 1}-${randomBytes(3).toString("hex")}`;
    const now = Date.now();
    const limit = { db: testDb(), address, maxAttempts: 3, windowSeconds: 60 };
    await Promise.all([1, 2, 3].map(() => assertUnderLinkLimit({ ...limit, now })));
    await expect(assertUnderLinkLimit({ ...limit, now: now + 1000 })).rejects.toMatchObject({
      code: "TOO_MANY_ATTEMPTS",
      message: "Too many requests from your address: try again in 59 s.",
    });
    await expect(assertUnderLinkLimit({ ...limit, now: now + 61_000 })).resolves.toBeUndefined();
  });

  it("groups IPv6 addresses by their /64", () => {
    expect(addressGroup("2001:db8:1:2:aaaa::1")).toBe(addressGroup("2001:db8:1:2:bbbb:cccc:dddd:eeee"));
    expect(addressGroup("2001:db8:1:2::1")).not.toBe(addressGroup("2001:db8:1:3::1"));
    expect(addressGroup("198.51.100.7")).toBe("198.51.100.7");
  });

  it("limits acceptInvite through the procedure, before the link is even looked up", async () => {
    const headers = new Headers({
      "x-launchpad-client-address": `203.0.113.${Math.floor(Math.random() * 250) + 1}`,
    });
    const caller = testCaller(undefined, null, headers);
    const input = { token: "made-up", name: "Flood", email: email("flood"), password: TEST_PASSWORD };
    const codes: string[] = [];
    for (let call = 0; call < 12; call++) {
      codes.push(
        await caller.account.acceptInvite(input).then(
          () => "OK",
          (error: { code: string }) => error.code,
        ),
      );
    }
    // The test environment's limit is the default, 10 per minute.
    expect(codes.filter((code) => code === "FORBIDDEN")).toHaveLength(10);
    expect(codes.slice(10)).toEqual(["TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
  });
});

describe("password hashing", () => {
  it("runs at most the pool's slots at once, refuses at once past its queue, and keeps sign-ins apart", async () => {
    configurePasswordHashing(1);
    const flood = Array.from({ length: 8 }, () => hashPasswordInTurn("a-password-to-hash"));
    // One running, four waiting: the other three are refused without waiting.
    const signIn = hashPasswordInTurn("a-sign-in-password", "sign-in");
    const results = await Promise.allSettled(flood);
    const refused = results.filter((result) => result.status === "rejected");
    expect(refused).toHaveLength(3);
    expect(refused[0]).toMatchObject({ reason: { code: "TOO_MANY_ATTEMPTS", message: TOO_MANY_HASHES } });
    await expect(signIn).resolves.toMatch(/:/);
  });
});

describe("Better Auth's endpoints", () => {
  it("answer 404 for every path Better Auth registers but the allowlisted ones", async () => {
    const auth = testAuth();
    const endpoints = Object.values(
      auth.api as Record<string, { path?: string; options?: { method?: unknown } }>,
    )
      .filter((endpoint) => typeof endpoint.path === "string")
      .flatMap((endpoint) => {
        const declared = endpoint.options?.method;
        const methods = declared === "*" || declared === undefined ? ["GET", "POST"] : [declared].flat();
        return (methods as string[]).map((method) => ({ method, path: endpoint.path! }));
      });
    expect(endpoints.map((endpoint) => endpoint.path)).toContain("/verify-password");
    expect(endpoints.length).toBeGreaterThan(20);
    const served = (method: string, path: string) =>
      SERVED_AUTH_ENDPOINTS.some((endpoint) => endpoint.method === method && endpoint.path === path);
    for (const { method, path } of endpoints) {
      const response = await auth.handler(
        new Request(`${ORIGIN}/api/auth${path.replace(/:\w+/g, "x")}`, {
          method,
          headers: {
            "content-type": "application/json",
            origin: ORIGIN,
            "x-launchpad-client-address": `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
          },
          ...(method === "GET" ? {} : { body: "{}" }),
        }),
      );
      if (served(method, path)) expect(response.status, `${method} ${path}`).not.toBe(404);
      else expect(response.status, `${method} ${path}`).toBe(404);
    }
  });
});
