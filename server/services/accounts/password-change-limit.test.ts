import { describe, expect, inject, it } from "vitest";
import type { SessionUser } from "../../auth/session";
import { TEST_PASSWORD, testCaller, testDb, uniqueName } from "../../test/test-context";
import { createUser } from "./create-user";
import { claimPasswordChangeAttempt, clearPasswordChangeAttempts } from "./password-change-limit";

async function freshMember(): Promise<SessionUser> {
  const email = `${uniqueName("limited")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")}@test.invalid`;
  const user = await createUser({
    db: testDb(),
    account: { email, name: "Limited", password: TEST_PASSWORD, role: "member" },
  });
  return { id: user.id, email, name: "Limited", role: "member" };
}

describe(`wrong current passwords on /account (${inject("databaseKind")})`, () => {
  it("are limited per user like sign-ins, with the wait in the message, and free again after the window", async () => {
    const db = testDb();
    const user = await freshMember();
    const limit = { db, userId: user.id, maxAttempts: 3, windowSeconds: 60 };
    for (let i = 0; i < 3; i++) await expect(claimPasswordChangeAttempt(limit)).resolves.toBeUndefined();
    await expect(claimPasswordChangeAttempt(limit)).rejects.toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
    await expect(claimPasswordChangeAttempt(limit)).rejects.toThrow(
      /^Too many wrong passwords\. Try again in ([1-9]|[1-5]\d|60) s\./,
    );
    // Another user is not limited by these; a minute later this one is free again.
    await expect(
      claimPasswordChangeAttempt({ ...limit, userId: (await freshMember()).id }),
    ).resolves.toBeUndefined();
    await expect(claimPasswordChangeAttempt({ ...limit, now: Date.now() + 61_000 })).resolves.toBeUndefined();
    // A correct password frees the slots at once.
    await clearPasswordChangeAttempts(db, user.id);
    await expect(claimPasswordChangeAttempt(limit)).resolves.toBeUndefined();
  });

  it("hold against parallel guesses through the procedure: only the configured number is checked", async () => {
    const user = await freshMember();
    const caller = testCaller(undefined, user);
    // LAUNCHPAD_SIGN_IN_MAX_ATTEMPTS is 5 unless set.
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        caller.account.changePassword({
          currentPassword: `wrong-guess-${i}`,
          newPassword: "another-password-1",
        }),
      ),
    );
    const codes = results.map((result) =>
      result.status === "rejected" ? (result.reason as { code: string }).code : "OK",
    );
    expect(codes.filter((code) => code === "TOO_MANY_REQUESTS")).toHaveLength(7);
    expect(codes.filter((code) => code !== "TOO_MANY_REQUESTS" && code !== "OK")).toHaveLength(5);
    // Now even the right password waits, and nothing was changed.
    await expect(
      caller.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "another-password-1" }),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });
});
