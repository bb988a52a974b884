import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { countAttempt } from "../../security/rate-limit";

/**
 * Wrong current passwords on /account are limited like wrong passwords at sign-in (the same
 * LAUNCHPAD_SIGN_IN_* settings): whoever holds a stolen session must not be able to guess the
 * password through "Change password". Each attempt claims a slot in the database before the
 * password is checked (one statement, UsageCounter key "password-change:<user>"), so parallel
 * guesses, a restart or a second instance cannot get past the limit; a correct password frees the
 * slots again (clearPasswordChangeAttempts).
 */
const keyFor = (userId: string) => `password-change:${userId}`;

export async function claimPasswordChangeAttempt(options: {
  db: PrismaClient;
  userId: string;
  maxAttempts: number;
  windowSeconds: number;
  now?: number;
}): Promise<void> {
  const { count, retryAfterSeconds } = await countAttempt({
    db: options.db,
    key: keyFor(options.userId),
    windowSeconds: options.windowSeconds,
    now: options.now,
  });
  if (count <= options.maxAttempts) return;
  throw new AppError(
    "TOO_MANY_ATTEMPTS",
    `Too many wrong passwords. Try again in ${retryAfterSeconds} s. Nothing was changed.`,
  );
}

/** Frees the slots: called in the transaction that writes the new password. */
export async function clearPasswordChangeAttempts(
  db: Pick<PrismaClient, "usageCounter">,
  userId: string,
): Promise<void> {
  await db.usageCounter.deleteMany({ where: { key: keyFor(userId) } });
}
