import "server-only";
import type { PrismaClient } from "../db/client";

/**
 * The per-account limit on sign-ins, beside Better Auth's per-address one: after `freeFailures` wrong
 * passwords in a row for one email, each further attempt must wait, doubling from `baseSeconds` up to
 * `maxSeconds`. Counted in the database (UsageCounter, key "sign-in:<email>": count = failures in a
 * row, windowStart = the last one), so rotating client addresses or instances does not reset it; a
 * correct sign-in clears it, and failures older than `resetSeconds` are forgotten. Unknown emails are
 * counted alike, so the answer does not tell which accounts exist.
 */
export type SignInBackoffPolicy = {
  freeFailures: number;
  baseSeconds: number;
  maxSeconds: number;
  resetSeconds: number;
};

const keyFor = (email: string) => `sign-in:${email.trim().toLowerCase()}`;

/** Seconds this email must still wait before its next attempt; 0 when it may try now. */
export async function signInWaitSeconds(
  db: PrismaClient,
  email: string,
  policy: SignInBackoffPolicy,
  now = Date.now(),
): Promise<number> {
  const row = await db.usageCounter.findUnique({ where: { key: keyFor(email) } });
  if (!row || row.count <= policy.freeFailures) return 0;
  const last = Number(row.windowStart);
  if (last <= now - policy.resetSeconds * 1000) return 0;
  const wait = Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** (row.count - policy.freeFailures - 1));
  return Math.max(0, Math.ceil((last + wait * 1000 - now) / 1000));
}

/** One more wrong password for this email, in one statement (parallel failures all count). */
export async function recordSignInFailure(
  db: PrismaClient,
  email: string,
  policy: SignInBackoffPolicy,
  now = Date.now(),
): Promise<void> {
  const forgetBefore = BigInt(now - policy.resetSeconds * 1000);
  await db.$executeRaw`
    INSERT INTO "UsageCounter" ("key", "count", "windowStart")
    VALUES (${keyFor(email)}, 1, ${BigInt(now)})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "UsageCounter"."windowStart" <= ${forgetBefore} THEN 1
                ELSE "UsageCounter"."count" + 1 END,
      "windowStart" = ${BigInt(now)}`;
}

export async function clearSignInFailures(db: PrismaClient, email: string): Promise<void> {
  await db.usageCounter.deleteMany({ where: { key: keyFor(email) } });
}
