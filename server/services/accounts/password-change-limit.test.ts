import { describe, expect, inject, it } from "vitest";
import type { SessionUser } from "../../auth/session";
import { TEST_PASSWORD, testCaller, testDb, uniqueName } from "../../test/test-context";
import { recordAudit } from "../audit/record-audit";
import { createUser } from "./create-user";
import { assertUnderPasswordChangeLimit } from "./password-change-limit";

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
    for (let i = 0; i < 2; i++) {
      await recordAudit(db, { action: "account.password_change_failed", actor: user });
    }
    await expect(assertUnderPasswordChangeLimit(limit)).resolves.toBeUndefined();
    await recordAudit(db, { action: "account.password_change_failed", actor: user });
    await expect(assertUnderPasswordChangeLimit(limit)).rejects.toMatchObject({ code: "TOO_MANY_ATTEMPTS" });
    await expect(assertUnderPasswordChangeLimit(limit)).rejects.toThrow(
      /^Too many wrong passwords\. Try again in ([1-9]|[1-5]\d|60) s\./,
    );
    // Another user is not limited by these; and a minute later this one is free again.
    await expect(
      assertUnderPasswordChangeLimit({ ...limit, userId: (await freshMember()).id }),
    ).resolves.toBeUndefined();
    const later = new Date(Date.now() + 61_000);
    await expect(assertUnderPasswordChangeLimit({ ...limit, now: later })).resolves.toBeUndefined();
  });

  it("answer 429 through the procedure once the configured limit is reached, before the password is checked", async () => {
    const db = testDb();
    const user = await freshMember();
    // LAUNCHPAD_SIGN_IN_MAX_ATTEMPTS is 5 unless set.
    for (let i = 0; i < 5; i++) {
      await recordAudit(db, { action: "account.password_change_failed", actor: user });
    }
    await expect(
      testCaller(undefined, user).account.changePassword({
        currentPassword: TEST_PASSWORD,
        newPassword: "another-password-1",
      }),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });
});
