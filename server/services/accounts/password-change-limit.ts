import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";

/**
 * Wrong current passwords on /account are limited like wrong passwords at sign-in (the same
 * LAUNCHPAD_SIGN_IN_* settings): whoever holds a stolen session must not be able to guess the
 * password through "Change password". The count is the user's own audit entries
 * (`account.password_change_failed`), so it is kept in the database and survives a restart.
 */
export async function assertUnderPasswordChangeLimit(options: {
  db: PrismaClient;
  userId: string;
  maxAttempts: number;
  windowSeconds: number;
  now?: Date;
}): Promise<void> {
  const now = options.now ?? new Date();
  const windowStart = new Date(now.getTime() - options.windowSeconds * 1000);
  const failures = await options.db.auditEntry.findMany({
    where: { action: "account.password_change_failed", actorId: options.userId, at: { gt: windowStart } },
    orderBy: { at: "asc" },
    select: { at: true },
    take: options.maxAttempts,
  });
  if (failures.length < options.maxAttempts) return;
  const freeAt = failures[0]!.at.getTime() + options.windowSeconds * 1000;
  const waitSeconds = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
  throw new AppError(
    "TOO_MANY_ATTEMPTS",
    `Too many wrong passwords. Try again in ${waitSeconds} s. Nothing was changed.`,
  );
}
