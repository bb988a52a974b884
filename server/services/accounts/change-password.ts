import "server-only";
import { hashPasswordInTurn, verifyPasswordInTurn } from "../../security/password-hashing";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { recordAudit, writeAuditEntry, type SignedInAuditRequest } from "../audit/record-audit";
import { clearPasswordChangeAttempts } from "./password-change-limit";

/**
 * A signed-in user changes their own password, proving the current one. The new hash is written only
 * if the stored hash is still the one that was verified (a conditional update), and in the same
 * transaction every other session of the user ends; the session making the change stays, so the
 * person is not signed out of the browser they are using. With `currentSessionId` null (no session,
 * as for an in-process caller) every session ends. The entry and the freed wrong-password slots are
 * in the same transaction. A wrong current password is recorded on its own ("wrong current password"):
 * it changes nothing, so there is no action to write it with.
 */
export async function changeOwnPassword(options: {
  db: PrismaClient;
  userId: string;
  audit: SignedInAuditRequest;
  currentSessionId: string | null;
  currentPassword: string;
  newPassword: string;
}) {
  const account = await options.db.account.findFirst({
    where: { userId: options.userId, providerId: "credential" },
    select: { id: true, password: true, user: { select: { email: true } } },
  });
  if (!account?.password) throw new AppError("NOT_FOUND", "This account has no password to change.");
  if (!(await verifyPasswordInTurn({ hash: account.password, password: options.currentPassword }))) {
    await recordAudit(options.db, { action: "account.password_change_failed", ...options.audit });
    throw new AppError("WRONG_PASSWORD", "The current password is wrong. Nothing was changed.");
  }
  const newHash = await hashPasswordInTurn(options.newPassword);
  return options.db.$transaction(async (tx) => {
    const updated = await tx.account.updateMany({
      where: { id: account.id, password: account.password },
      data: { password: newHash },
    });
    if (updated.count === 0) {
      throw new AppError(
        "INVALID_INPUT",
        "Your password was changed from somewhere else meanwhile. Nothing was changed: try again.",
      );
    }
    const ended = await tx.session.deleteMany({
      where: {
        userId: options.userId,
        ...(options.currentSessionId ? { id: { not: options.currentSessionId } } : {}),
      },
    });
    await clearPasswordChangeAttempts(tx, options.userId);
    await writeAuditEntry(tx, {
      action: "account.password_changed",
      ...options.audit,
      detail: { sessionsEnded: ended.count },
    });
    return { userId: options.userId, email: account.user.email, sessionsEnded: ended.count };
  });
}
