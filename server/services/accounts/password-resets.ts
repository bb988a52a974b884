import "server-only";
import { hashPassword } from "better-auth/crypto";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import type { ResetPasswordInput } from "../../shared/account";
import { hashToken, newOneTimeToken } from "./one-time-token";

/**
 * How long a password reset link works. An hour is enough to pass the link on and use it, and short
 * enough that a link left in a chat is dead by the time anyone finds it: it opens an existing
 * account, unlike an invite.
 */
export const PASSWORD_RESET_LIFETIME_MS = 60 * 60 * 1000;

const RESET_REFUSED = {
  unknown:
    "This password reset link is not valid. Check that it was copied whole, or ask an admin for a new one.",
  used: "This password reset link was already used. Ask an admin for a new one.",
  replaced:
    "This password reset link no longer works: a newer one was made, or the account was deactivated since. Use the newest link, or ask an admin for a new one.",
  expired: "This password reset link has expired. Ask an admin for a new one.",
  deactivated: "This account is deactivated, so its password cannot be reset. Ask an admin.",
} as const;

/**
 * Makes a single-use link with which `userId` sets a new password, and returns it to copy (there is
 * no mail server). Any older unused link of that user stops working; only the token's hash is stored.
 * Returns the user's id and email too, for the audit ("password reset link created").
 */
export async function createPasswordReset(options: {
  db: PrismaClient;
  userId: string;
  createdById: string;
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
        data: { tokenHash, userId: user.id, createdById: options.createdById, expiresAt, createdAt: now },
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
 * Why a reset link cannot be used (unknown, used, replaced or withdrawn, expired, or its account
 * deactivated), or null: what the reset page says before anyone types a password.
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
  const reset = await db.passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      usedAt: true,
      replacedAt: true,
      expiresAt: true,
      user: { select: { id: true, email: true, deactivatedAt: true } },
    },
  });
  const refused = (problem: string): CheckedResetLink => ({ usable: false, problem });
  if (!reset) return refused(RESET_REFUSED.unknown);
  if (reset.usedAt) return refused(RESET_REFUSED.used);
  if (reset.replacedAt) return refused(RESET_REFUSED.replaced);
  if (reset.expiresAt <= now) return refused(RESET_REFUSED.expired);
  if (reset.user.deactivatedAt) return refused(RESET_REFUSED.deactivated);
  return { usable: true, reset };
}

/**
 * Sets a new password with a reset link: the link is claimed by a conditional update (unused, not
 * replaced, not expired) in the same transaction as the new password hash and the end of every
 * session of the user, so a link works once and a thief signed in with the old password is out on
 * their next request. Unknown, used, replaced and expired links, and deactivated accounts, are refused
 * with their own message and change nothing. Returns the user's id and email and how many sessions
 * ended, for the audit ("password reset used").
 */
export async function resetPassword(options: { db: PrismaClient; input: ResetPasswordInput; now?: Date }) {
  const now = options.now ?? new Date();
  // The link is checked before the password is hashed: scrypt is slow on purpose, and a made-up
  // token must not make the server pay for it. The claim below checks the link again, atomically.
  const checked = await checkResetLink(options.db, options.input.token, now);
  if (!checked.usable) throw new AppError("FORBIDDEN", checked.problem);
  const { reset } = checked;
  // Hashed before the transaction: scrypt takes a while, and the transaction should not.
  const passwordHash = await hashPassword(options.input.password);
  return options.db.$transaction(async (tx) => {
    const claimed = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null, replacedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    // Another request used or replaced it between the read and here.
    if (claimed.count === 0) throw new AppError("FORBIDDEN", RESET_REFUSED.used);
    // Deactivated between the read and here: refused, and the claim is rolled back with it.
    const user = await tx.user.findUnique({ where: { id: reset.user.id }, select: { deactivatedAt: true } });
    if (!user || user.deactivatedAt) throw new AppError("FORBIDDEN", RESET_REFUSED.deactivated);
    const updated = await tx.account.updateMany({
      where: { userId: reset.user.id, providerId: "credential" },
      data: { password: passwordHash },
    });
    if (updated.count === 0) throw new AppError("NOT_FOUND", "This account has no password to reset.");
    const ended = await tx.session.deleteMany({ where: { userId: reset.user.id } });
    return { userId: reset.user.id, email: reset.user.email, sessionsEnded: ended.count };
  });
}
