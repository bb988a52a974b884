import "server-only";
import { hashPasswordInTurn } from "../../security/password-hashing";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import type { ResetPasswordInput } from "../../shared/account";
import { writeAuditEntry, type AuditOrigin, type SignedInAuditRequest } from "../audit/record-audit";
import { hashToken, LINK_UNUSABLE, newOneTimeToken } from "./one-time-token";

/**
 * How long a password reset link works. An hour is enough to pass the link on and use it, and short
 * enough that a link left in a chat is dead by the time anyone finds it: it opens an existing
 * account, unlike an invite.
 */
export const PASSWORD_RESET_LIFETIME_MS = 60 * 60 * 1000;

/**
 * Makes a single-use link with which `userId` sets a new password, and returns it to copy (there is
 * no mail server). Any older unused link of that user stops working; only the token's hash is stored.
 * The entry (whose link and until when, never the link itself) is written in the same transaction.
 */
export async function createPasswordReset(options: {
  db: PrismaClient;
  userId: string;
  audit: SignedInAuditRequest;
  publicOrigin: string;
  now?: Date;
}) {
  const now = options.now ?? new Date();
  const user = await options.db.user.findUnique({
    where: { id: options.userId },
    select: { id: true, email: true, deactivatedAt: true },
  });
  if (!user) throw new AppError("NOT_FOUND", "There is no such account.");
  if (user.deactivatedAt) {
    throw new AppError(
      "INVALID_INPUT",
      `${user.email} is deactivated: reactivate the account before resetting its password.`,
    );
  }
  const { token, tokenHash, expiresAt } = newOneTimeToken(PASSWORD_RESET_LIFETIME_MS, now);
  try {
    await options.db.$transaction(async (tx) => {
      await tx.passwordReset.updateMany({
        where: { userId: user.id, usedAt: null, replacedAt: null },
        data: { replacedAt: now },
      });
      await tx.passwordReset.create({
        data: { tokenHash, userId: user.id, createdById: options.audit.actor.id, expiresAt, createdAt: now },
      });
      await writeAuditEntry(tx, {
        action: "account.password_reset_link_created",
        ...options.audit,
        targetEmail: user.email,
        detail: { expiresAt: expiresAt.toISOString() },
      });
    });
  } catch (error) {
    // The partial unique index (one open link per user): another link was made at the same moment.
    if ((error as { code?: string }).code === "P2002") {
      throw new AppError(
        "INVALID_INPUT",
        `Another reset link for ${user.email} was made at the same moment. Make a new one.`,
      );
    }
    throw error;
  }
  return {
    userId: user.id,
    email: user.email,
    expiresAt,
    url: `${options.publicOrigin}/reset-password/${token}`,
  };
}

/**
 * Whether a reset link cannot be used (LINK_UNUSABLE, whatever the reason), or null: what the reset
 * page says before anyone types a password.
 */
export async function resetLinkProblem(options: {
  db: PrismaClient;
  token: string;
  now?: Date;
}): Promise<string | null> {
  const checked = await checkResetLink(options.db, options.token, options.now ?? new Date());
  return checked.usable ? null : checked.problem;
}

type CheckedResetLink =
  | { usable: true; reset: { id: string; user: { id: string; email: string } } }
  | { usable: false; problem: string };

async function checkResetLink(db: PrismaClient, token: string, now: Date): Promise<CheckedResetLink> {
  const reset = await db.passwordReset.findFirst({
    where: { tokenHash: hashToken(token), ...openReset(now) },
    select: { id: true, user: { select: { id: true, email: true } } },
  });
  return reset ? { usable: true, reset } : { usable: false, problem: LINK_UNUSABLE };
}

/**
 * A reset link works while unused, not replaced or withdrawn, unexpired, for an active account, and
 * made by someone who is still an active admin (a link dies with its maker).
 */
const openReset = (now: Date) => ({
  usedAt: null,
  replacedAt: null,
  expiresAt: { gt: now },
  user: { is: { deactivatedAt: null } },
  createdBy: { is: { role: "admin" as const, deactivatedAt: null } },
});

/**
 * Sets a new password with a reset link: the link is claimed by a conditional update (unused, not
 * replaced, not expired) in the same transaction as the new password hash and the end of every
 * session of the user, so a link works once and a thief signed in with the old password is out on
 * their next request. Unknown, used, replaced and expired links, links whose maker is no longer an
 * active admin, and deactivated accounts are refused with one message and change nothing. The entry
 * names the account the link opened (nobody is signed in: the link was the proof) and is written in
 * the same transaction.
 */
export async function resetPassword(options: {
  db: PrismaClient;
  input: ResetPasswordInput;
  audit: AuditOrigin;
  now?: Date;
}) {
  const now = options.now ?? new Date();
  // The link is checked before the password is hashed: scrypt is slow on purpose, and a made-up
  // token must not make the server pay for it. The claim below checks the link again, atomically.
  const checked = await checkResetLink(options.db, options.input.token, now);
  if (!checked.usable) throw new AppError("FORBIDDEN", checked.problem);
  const { reset } = checked;
  // Hashed before the transaction: scrypt takes a while, and the transaction should not.
  const passwordHash = await hashPasswordInTurn(options.input.password);
  return options.db.$transaction(async (tx) => {
    // The same conditions as the check, in one statement: another request used or replaced it, the
    // account was deactivated or its maker stopped being an active admin since the read: refused.
    const claimed = await tx.passwordReset.updateMany({
      where: { id: reset.id, ...openReset(now) },
      data: { usedAt: now },
    });
    if (claimed.count === 0) throw new AppError("FORBIDDEN", LINK_UNUSABLE);
    const updated = await tx.account.updateMany({
      where: { userId: reset.user.id, providerId: "credential" },
      data: { password: passwordHash },
    });
    if (updated.count === 0) throw new AppError("NOT_FOUND", "This account has no password to reset.");
    const ended = await tx.session.deleteMany({ where: { userId: reset.user.id } });
    await writeAuditEntry(tx, {
      action: "account.password_reset",
      actor: reset.user,
      targetEmail: reset.user.email,
      detail: { sessionsEnded: ended.count },
      headers: options.audit.headers,
    });
    return { userId: reset.user.id, email: reset.user.email, sessionsEnded: ended.count };
  });
}
