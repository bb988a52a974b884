import { describe, expect, it } from "vitest";
import { currentSessionId, sessionUser } from "../../auth/session";
import { testAuth } from "../../test/test-auth";
import {
  TEST_PASSWORD,
  TEST_USERS,
  testAudit,
  testCaller,
  testDb,
  uniqueName,
} from "../../test/test-context";
import { changeOwnPassword } from "./change-password";
import { createUser } from "./create-user";
import { deactivateUser, reactivateUser } from "./manage-users";
import { LINK_UNUSABLE } from "./one-time-token";
import { endOtherOwnSessions, endOwnSession, listOwnSessions } from "./own-sessions";
import {
  createPasswordReset,
  PASSWORD_RESET_LIFETIME_MS,
  resetLinkProblem,
  resetPassword,
} from "./password-resets";

/**
 * Password reset links, changing one's own password and ending one's own sessions, on the run's real
 * database. Sessions are made and checked by Better Auth itself (its sign-in handler and getSession),
 * so "signed out" and "the new password works" mean what they mean for a browser.
 */
const ORIGIN = "http://localhost:3000";
const auth = testAuth();

/** Signs in like a browser from an address of its own; returns the status and the Cookie header. */
async function signIn(email: string, password: string) {
  const address = `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join(".")}`;
  const response = await auth.handler(
    new Request(`${ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-launchpad-client-address": address,
        "user-agent": "self-service-test",
      },
      body: JSON.stringify({ email, password }),
    }),
  );
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  return { status: response.status, headers: new Headers({ cookie }) };
}

/** A new member of its own, so no other test's sessions or password are touched. */
async function freshUser(password = TEST_PASSWORD) {
  const email = `${uniqueName("self").toLowerCase().replace(/\W+/g, "-")}@test.invalid`;
  const user = await createUser({
    db: testDb(),
    account: { email, name: "Self Service", password, role: "member" },
  });
  return { ...user, password };
}

async function signedIn(user: { email: string; password: string }) {
  const session = await signIn(user.email, user.password);
  expect(session.status).toBe(200);
  return session.headers;
}

const tokenOf = (url: string) => url.split("/reset-password/")[1]!;

const NEW_PASSWORD = "a-brand-new-password";

/** A reset link for `userId`, made by the test admin (at `now`, when given). */
const resetLinkFor = (userId: string, now?: Date) =>
  createPasswordReset({ db: testDb(), userId, audit: testAudit(), publicOrigin: ORIGIN, now });

describe("password reset links", () => {
  it("set a new password once, end every session of the user, and store only the token's hash", async () => {
    const user = await freshUser();
    const browsers = [await signedIn(user), await signedIn(user)];
    const link = await resetLinkFor(user.id);
    expect(link).toMatchObject({ userId: user.id, email: user.email });
    expect(link.url).toMatch(/^http:\/\/localhost:3000\/reset-password\/[A-Za-z0-9_-]{32}$/);
    const token = tokenOf(link.url);
    expect(
      JSON.stringify(await testDb().passwordReset.findMany({ where: { userId: user.id } })),
    ).not.toContain(token);

    await expect(
      resetPassword({ db: testDb(), audit: { headers: null }, input: { token, password: NEW_PASSWORD } }),
    ).resolves.toEqual({
      userId: user.id,
      email: user.email,
      sessionsEnded: 2,
    });

    for (const browser of browsers) expect(await sessionUser(auth, browser)).toBeNull();
    expect((await signIn(user.email, user.password)).status).toBe(401);
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);

    await expect(
      resetPassword({
        db: testDb(),
        audit: { headers: null },
        input: { token, password: "yet-another-password" },
      }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: LINK_UNUSABLE,
    });
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
  });

  it("refuse unknown, replaced and expired links with one message, changing nothing", async () => {
    const user = await freshUser();
    const browser = await signedIn(user);
    const make = (now?: Date) => resetLinkFor(user.id, now);
    const attempt = (token: string) =>
      resetPassword({ db: testDb(), audit: { headers: null }, input: { token, password: NEW_PASSWORD } });

    await expect(attempt("no-such-token")).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: LINK_UNUSABLE,
    });

    const expired = await make(new Date(Date.now() - PASSWORD_RESET_LIFETIME_MS - 1000));
    await expect(attempt(tokenOf(expired.url))).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: LINK_UNUSABLE,
    });

    const older = await make();
    const newer = await make();
    await expect(attempt(tokenOf(older.url))).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: LINK_UNUSABLE,
    });
    const open = await testDb().passwordReset.count({
      where: { userId: user.id, usedAt: null, replacedAt: null },
    });
    expect(open).toBe(1);

    // Nothing changed: the old password works, the session is alive, the newest link still works.
    expect(await sessionUser(auth, browser)).toMatchObject({ id: user.id });
    expect((await signIn(user.email, user.password)).status).toBe(200);
    await expect(attempt(tokenOf(newer.url))).resolves.toMatchObject({ userId: user.id });
  });

  it("are neither made for nor usable by a deactivated account", async () => {
    const user = await freshUser();
    const link = await resetLinkFor(user.id);
    await deactivateUser({ db: testDb(), userId: user.id, audit: testAudit() });
    await expect(
      resetPassword({
        db: testDb(),
        audit: { headers: null },
        input: { token: tokenOf(link.url), password: NEW_PASSWORD },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: LINK_UNUSABLE });
    await expect(resetLinkFor(user.id)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("reactivate") as string,
    });
    // The link is unused, withdrawn with the deactivation, and the password unchanged.
    const reset = await testDb().passwordReset.findFirstOrThrow({ where: { userId: user.id } });
    expect(reset.usedAt).toBeNull();
    await reactivateUser({ db: testDb(), userId: user.id, audit: testAudit() });
    expect((await signIn(user.email, user.password)).status).toBe(200);
    // Reactivated within the link's hour, the account still cannot be opened with the old link.
    expect(await resetLinkProblem({ db: testDb(), token: tokenOf(link.url) })).toBe(LINK_UNUSABLE);
    await expect(
      resetPassword({
        db: testDb(),
        audit: { headers: null },
        input: { token: tokenOf(link.url), password: NEW_PASSWORD },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(401);
  });

  it("say they cannot be used before a password is typed, and nothing about a good one", async () => {
    const user = await freshUser();
    const made = new Date();
    const link = await resetLinkFor(user.id, made);
    const token = tokenOf(link.url);
    expect(await resetLinkProblem({ db: testDb(), token })).toBeNull();
    expect(await resetLinkProblem({ db: testDb(), token: `${token}x` })).toBe(LINK_UNUSABLE);
    const later = new Date(made.getTime() + PASSWORD_RESET_LIFETIME_MS + 1000);
    expect(await resetLinkProblem({ db: testDb(), token, now: later })).toBe(LINK_UNUSABLE);
    await resetPassword({ db: testDb(), audit: { headers: null }, input: { token, password: NEW_PASSWORD } });
    expect(await resetLinkProblem({ db: testDb(), token })).toBe(LINK_UNUSABLE);
  });

  it("work exactly once when used twice at the same moment", async () => {
    const user = await freshUser();
    const link = await resetLinkFor(user.id);
    const token = tokenOf(link.url);
    const results = await Promise.allSettled([
      resetPassword({
        db: testDb(),
        audit: { headers: null },
        input: { token, password: "first-racing-password" },
      }),
      resetPassword({
        db: testDb(),
        audit: { headers: null },
        input: { token, password: "second-racing-password" },
      }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((result) => result.status === "rejected")).toHaveLength(1);
  });

  it("are made by admins only", async () => {
    const user = await freshUser();
    for (const who of [TEST_USERS.member, TEST_USERS.viewer]) {
      await expect(
        testCaller(undefined, who).admin.createPasswordReset({ userId: user.id }),
      ).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    await expect(
      testCaller(undefined, null).admin.createPasswordReset({ userId: user.id }),
    ).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect(await testDb().passwordReset.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("changing one's own password", () => {
  it("needs the current password; then ends the other sessions and keeps this one", async () => {
    const user = await freshUser();
    const here = await signedIn(user);
    const elsewhere = await signedIn(user);
    const hereId = await currentSessionId(auth, here);
    const change = (currentPassword: string) =>
      changeOwnPassword({
        db: testDb(),
        userId: user.id,
        audit: testAudit(user),
        currentSessionId: hereId,
        currentPassword,
        newPassword: NEW_PASSWORD,
      });

    await expect(change("not-my-password")).rejects.toMatchObject({
      code: "WRONG_PASSWORD",
      message: "The current password is wrong. Nothing was changed.",
    });
    expect(await sessionUser(auth, elsewhere)).toMatchObject({ id: user.id });
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(401);

    await expect(change(user.password)).resolves.toMatchObject({ userId: user.id, email: user.email });
    expect(await sessionUser(auth, here)).toMatchObject({ id: user.id });
    expect(await sessionUser(auth, elsewhere)).toBeNull();
    expect((await signIn(user.email, user.password)).status).toBe(401);
    expect((await signIn(user.email, NEW_PASSWORD)).status).toBe(200);
  });

  it("is refused to anonymous callers", async () => {
    await expect(
      testCaller(undefined, null).account.changePassword({ currentPassword: "x", newPassword: NEW_PASSWORD }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("one's own sessions", () => {
  it("are listed without tokens, this one marked, and nobody else's", async () => {
    const user = await freshUser();
    const here = await signedIn(user);
    await signedIn(user);
    const other = await freshUser();
    await signedIn(other);
    const sessions = await listOwnSessions({
      db: testDb(),
      userId: user.id,
      currentSessionId: await currentSessionId(auth, here),
    });
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((session) => session.isCurrent)).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      userAgent: "self-service-test",
      ipAddress: expect.stringMatching(/^10\./) as string,
    });
    const tokens = await testDb().session.findMany({ where: { userId: user.id }, select: { token: true } });
    for (const { token } of tokens) expect(JSON.stringify(sessions)).not.toContain(token);
  });

  it("say when each was last used, noted at most once a minute, and name browser and system", async () => {
    const user = await freshUser();
    const here = await signedIn(user);
    const id = (await currentSessionId(auth, here))!;
    const lastUsed = async () =>
      (await testDb().session.findUniqueOrThrow({ where: { id }, select: { lastUsedAt: true } })).lastUsedAt;
    await testDb().session.update({ where: { id }, data: { lastUsedAt: null } });
    const [unread] = await listOwnSessions({ db: testDb(), userId: user.id, currentSessionId: id });
    // Never read since the column came: shown as used when it was made.
    expect(unread!.lastUsedAt).toEqual(unread!.createdAt);
    expect(unread).toMatchObject({ browser: "Unknown browser", system: "unknown system" });

    expect(await sessionUser(auth, here)).toMatchObject({ id: user.id });
    const first = await lastUsed();
    expect(first).not.toBeNull();
    expect(Math.abs(first!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await sessionUser(auth, here)).toMatchObject({ id: user.id });
    expect(await lastUsed()).toEqual(first);
    // A minute later the next read notes it again.
    await testDb().session.update({ where: { id }, data: { lastUsedAt: new Date(Date.now() - 61_000) } });
    await sessionUser(auth, here);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("end one at a time or all but this one; someone else's is refused and left alone", async () => {
    const user = await freshUser();
    const here = await signedIn(user);
    const second = await signedIn(user);
    const third = await signedIn(user);
    const other = await freshUser();
    const othersBrowser = await signedIn(other);
    const othersSessionId = (await currentSessionId(auth, othersBrowser))!;

    await expect(
      testCaller(undefined, {
        id: user.id,
        email: user.email,
        name: user.name,
        role: "member",
      }).account.endSession({
        sessionId: othersSessionId,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: "You can only end your own sessions." });
    expect(await sessionUser(auth, othersBrowser)).toMatchObject({ id: other.id });

    const secondId = (await currentSessionId(auth, second))!;
    await expect(
      endOwnSession({ db: testDb(), sessionId: secondId, audit: testAudit(user) }),
    ).resolves.toEqual({
      userId: user.id,
      sessionId: secondId,
    });
    expect(await sessionUser(auth, second)).toBeNull();
    expect(await sessionUser(auth, third)).toMatchObject({ id: user.id });
    await expect(
      endOwnSession({ db: testDb(), sessionId: secondId, audit: testAudit(user) }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    const hereId = (await currentSessionId(auth, here))!;
    await expect(
      endOtherOwnSessions({ db: testDb(), currentSessionId: hereId, audit: testAudit(user) }),
    ).resolves.toEqual({ userId: user.id, sessionsEnded: 1 });
    expect(await sessionUser(auth, third)).toBeNull();
    expect(await sessionUser(auth, here)).toMatchObject({ id: user.id });
    expect(await sessionUser(auth, othersBrowser)).toMatchObject({ id: other.id });
  });
});

describe("Better Auth's own endpoints for these", () => {
  it("stay disabled: everything goes through the authorized tRPC procedures", async () => {
    const user = await freshUser();
    const browser = await signedIn(user);
    for (const [method, path, body] of [
      ["POST", "/change-password", { currentPassword: user.password, newPassword: NEW_PASSWORD }],
      ["POST", "/set-password", { newPassword: NEW_PASSWORD }],
      ["GET", "/list-sessions", undefined],
      ["POST", "/revoke-session", { token: "x" }],
      ["POST", "/revoke-sessions", {}],
      ["POST", "/revoke-other-sessions", {}],
      ["POST", "/request-password-reset", { email: user.email }],
      ["POST", "/reset-password", { token: "x", newPassword: NEW_PASSWORD }],
    ] as const) {
      const headers = new Headers(browser);
      headers.set("content-type", "application/json");
      headers.set("origin", ORIGIN);
      const response = await auth.handler(
        new Request(`${ORIGIN}/api/auth${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
      expect(response.status, path).toBe(404);
    }
    expect((await signIn(user.email, user.password)).status).toBe(200);
    expect(await sessionUser(auth, browser)).toMatchObject({ id: user.id });
  });
});
