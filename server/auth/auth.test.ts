import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TEST_PASSWORD, TEST_USERS, testCaller, testDb } from "../test/test-context";
import { createUser } from "../services/accounts/create-user";
import { createFirstAdmin } from "../services/accounts/create-user";
import { completeSetup } from "../services/accounts/complete-setup";
import { issueSetupToken, isSetupToken, revokeSetupTokens } from "../services/accounts/setup-token";
import { createAuth } from "./auth";
import { sessionUser } from "./session";

/**
 * Better Auth as Launchpad configures it, on the run's real database: requests go through its own
 * handler (the one /api/auth serves), so cookies, status codes and the rate limit are the real ones.
 */
function testAuth(
  publicOrigin = "http://localhost:3000",
  maxAttempts = 3,
  signInBackoff?: Parameters<typeof createAuth>[0]["signInBackoff"],
) {
  return createAuth({
    db: testDb(),
    publicOrigin,
    trustedOrigins: [publicOrigin],
    secret: randomBytes(32).toString("base64"),
    signIn: { maxAttempts, windowSeconds: 60 },
    ...(signInBackoff ? { signInBackoff } : {}),
  });
}

/** A sign-in request from a client address of its own, so rate limits of other tests do not count. */
function signIn(auth: ReturnType<typeof testAuth>, email: string, password: string, address: string) {
  return auth.handler(
    new Request("http://localhost:3000/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", "x-launchpad-client-address": address },
      body: JSON.stringify({ email, password }),
    }),
  );
}

const randomAddress = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join(".")}`;

function cookieHeader(response: Response): Headers {
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  return new Headers({ cookie: cookies.join("; ") });
}

/** A new member of its own, signed in through the handler: its user and Cookie header. */
async function signedInAccount(auth: ReturnType<typeof testAuth>) {
  const email = `session-${randomBytes(4).toString("hex")}@test.invalid`;
  const user = await createUser({
    db: testDb(),
    account: { email, name: "Session", password: TEST_PASSWORD, role: "member" },
  });
  const response = await signIn(auth, email, TEST_PASSWORD, randomAddress());
  expect(response.status).toBe(200);
  return { user, headers: cookieHeader(response) };
}

describe("sign-in", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie that identifies the user and role", async () => {
    const auth = testAuth();
    const response = await signIn(auth, TEST_USERS.viewer.email, TEST_PASSWORD, randomAddress());
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("better-auth.session_token="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(await sessionUser(auth, cookieHeader(response))).toEqual(TEST_USERS.viewer);
    expect(await sessionUser(auth, new Headers())).toBeNull();
  });

  it("marks the cookie Secure when LAUNCHPAD_URL is https", async () => {
    const auth = testAuth("https://launchpad.example.org");
    const response = await signIn(auth, TEST_USERS.member.email, TEST_PASSWORD, randomAddress());
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((c) => c.includes("session_token="));
    expect(cookie).toMatch(/; Secure/i);
    expect(await sessionUser(auth, cookieHeader(response))).toEqual(TEST_USERS.member);
  });

  it("refuses a wrong password with 401, then answers 429 with the wait once the limit is reached", async () => {
    const auth = testAuth("http://localhost:3000", 3);
    const address = randomAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await signIn(auth, TEST_USERS.member.email, "wrong-password!", address)).status);
    expect(statuses).toEqual([401, 401, 401]);
    const limited = await signIn(auth, TEST_USERS.member.email, TEST_PASSWORD, address);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("x-retry-after"))).toBeGreaterThan(0);
    // The counter is a database row, so another instance (a restarted server) sees it too.
    const restarted = testAuth("http://localhost:3000", 3);
    expect((await signIn(restarted, TEST_USERS.member.email, TEST_PASSWORD, address)).status).toBe(429);
    // Another client address is not limited.
    expect((await signIn(auth, TEST_USERS.member.email, TEST_PASSWORD, randomAddress())).status).toBe(200);
  });

  it("limits guesses at one account from rotating addresses: a back-off counted in the database", async () => {
    const backoff = { freeFailures: 5, baseSeconds: 1, maxSeconds: 60, resetSeconds: 3600 };
    const auth = testAuth("http://localhost:3000", 1000, backoff);
    const { user } = await signedInAccount(auth);
    const rotating = () => `127.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join(".")}`;
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push((await signIn(auth, user.email, "wrong-password!", rotating())).status);
    // Five wrong passwords are answered; after that the account waits, whatever the address.
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(20);
    // Another instance sees the same count; even the right password waits, and says how long.
    const other = testAuth("http://localhost:3000", 1000, backoff);
    const waiting = await signIn(other, user.email, TEST_PASSWORD, rotating());
    expect(waiting.status).toBe(429);
    const wait = Number(waiting.headers.get("x-retry-after"));
    expect(wait).toBeGreaterThan(0);
    expect(((await waiting.json()) as { message: string }).message).toMatch(
      /wrong passwords for this account/,
    );
    // After the wait the right password works and clears the count.
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    expect((await signIn(other, user.email, TEST_PASSWORD, rotating())).status).toBe(200);
    expect((await signIn(other, user.email, "wrong-password!", rotating())).status).toBe(401);
  });

  it("is refused to a deactivated account, whose open sessions stop working at once", async () => {
    const auth = testAuth();
    const { user, headers } = await signedInAccount(auth);
    await testDb().user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    expect(await sessionUser(auth, headers)).toBeNull();
    const after = await signIn(auth, user.email, TEST_PASSWORD, randomAddress());
    expect(after.status).toBe(403);
    expect(
      after.headers.getSetCookie().some((c) => c.includes("session_token=") && !c.includes("Max-Age=0")),
    ).toBe(false);
  });

  it("offers no self-service sign-up", async () => {
    const auth = testAuth();
    const response = await auth.handler(
      new Request("http://localhost:3000/api/auth/sign-up/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "new@test.invalid", password: TEST_PASSWORD, name: "New" }),
      }),
    );
    expect(response.status).toBe(404);
    expect(await testDb().user.findUnique({ where: { email: "new@test.invalid" } })).toBeNull();
  });
});

describe("the session of a request", () => {
  it("is read fresh on every request, as Better Auth reads it: a role change counts at once", async () => {
    const auth = testAuth();
    const { user, headers } = await signedInAccount(auth);
    expect(await sessionUser(auth, headers)).toMatchObject({ id: user.id, role: "member" });
    await testDb().user.update({ where: { id: user.id }, data: { role: "viewer" } });
    expect(await sessionUser(auth, headers)).toMatchObject({ id: user.id, role: "viewer" });
    const betterAuth = await auth.api.getSession({ headers });
    expect(betterAuth?.user).toMatchObject({ id: user.id, role: "viewer" });
  });

  it("is no session when the cookie's signature is altered, missing or made with another secret", async () => {
    const auth = testAuth();
    const { headers } = await signedInAccount(auth);
    const signed = decodeURIComponent(/better-auth\.session_token=([^;]+)/.exec(headers.get("cookie")!)![1]!);
    const token = signed.slice(0, signed.lastIndexOf("."));
    const signature = signed.slice(signed.lastIndexOf(".") + 1);
    const flipped = (signature[0] === "A" ? "B" : "A") + signature.slice(1);
    const withCookie = (value: string) =>
      new Headers({ cookie: `better-auth.session_token=${encodeURIComponent(value)}` });
    expect(await sessionUser(auth, withCookie(signed))).not.toBeNull();
    for (const forged of [`${token}.${flipped}`, token, `${token}.`, `${token}.${signature}x`])
      expect(await sessionUser(auth, withCookie(forged))).toBeNull();
    // The same cookie is worthless to a Launchpad with another secret key.
    expect(await sessionUser(testAuth(), withCookie(signed))).toBeNull();
  });

  it("is no session once expired, and the expired session is deleted", async () => {
    const auth = testAuth();
    const { user, headers } = await signedInAccount(auth);
    await testDb().session.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await sessionUser(auth, headers)).toBeNull();
    expect(await testDb().session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("is extended by Better Auth once a day has passed since it was last extended", async () => {
    const auth = testAuth();
    const { user, headers } = await signedInAccount(auth);
    const { expiresIn } = (await auth.$context).sessionConfig;
    const aged = new Date(Date.now() + expiresIn * 1000 - 2 * 24 * 3600 * 1000);
    await testDb().session.updateMany({ where: { userId: user.id }, data: { expiresAt: aged } });
    expect(await sessionUser(auth, headers)).toMatchObject({ id: user.id });
    const session = await testDb().session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session.expiresAt.getTime()).toBeGreaterThan(Date.now() + expiresIn * 1000 - 60_000);
  });
});

describe("setup and the API", () => {
  it("refuses setup once any account exists, even with the right token", async () => {
    const token = await issueSetupToken(testDb());
    try {
      await expect(
        completeSetup({
          db: testDb(),
          input: { token, name: "Late", email: "late@test.invalid", password: TEST_PASSWORD },
          audit: { headers: null },
        }),
      ).rejects.toMatchObject({ code: "SETUP_CLOSED" });
      await expect(
        createFirstAdmin({
          db: testDb(),
          account: { name: "Late", email: "late@test.invalid", password: TEST_PASSWORD },
        }),
      ).rejects.toMatchObject({ code: "SETUP_CLOSED" });
      expect(await testDb().user.findUnique({ where: { email: "late@test.invalid" } })).toBeNull();
    } finally {
      await revokeSetupTokens(testDb());
    }
  });

  it("keeps the setup token in the database, so every instance accepts it, and only its hash", async () => {
    const db = testDb();
    const token = await issueSetupToken(db);
    try {
      // Another instance is another process on the same database: nothing in memory is shared.
      expect(await isSetupToken(db, token)).toBe(true);
      expect(await isSetupToken(db, `${token}x`)).toBe(false);
      const rows = await db.setupToken.findMany();
      expect(rows.some((row) => row.tokenHash === token)).toBe(false);
      expect(JSON.stringify(rows)).not.toContain(token);
    } finally {
      await revokeSetupTokens(db);
    }
    expect(await isSetupToken(db, token)).toBe(false);
  });

  it("refuses every procedure to an anonymous caller", async () => {
    const anonymous = testCaller(undefined, null);
    await expect(anonymous.project.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.catalogue.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses an account with an email that is taken, with a clear message", async () => {
    await expect(
      createUser({
        db: testDb(),
        account: { email: TEST_USERS.admin.email, name: "Twin", password: TEST_PASSWORD, role: "viewer" },
      }),
    ).rejects.toMatchObject({
      code: "DUPLICATE_ACCOUNT",
      message: `There is already an account for ${TEST_USERS.admin.email}.`,
    });
  });
});
