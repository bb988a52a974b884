import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import type { Role } from "../../shared/account";

/** Every account, for the admins' page. */
export async function listUsers(options: { db: PrismaClient }) {
  return options.db.user.findMany({
    select: { id: true, name: true, email: true, role: true, deactivatedAt: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
}

/** Refuses changes that would leave Launchpad without an active admin. */
async function assertAnotherActiveAdmin(db: PrismaClient, userId: string) {
  const others = await db.user.count({ where: { role: "admin", deactivatedAt: null, id: { not: userId } } });
  if (others === 0) throw new AppError("INVALID_INPUT", "Launchpad needs at least one active admin.");
}

/** Changes a role; it counts on the user's next request (roles are read per request). */
export async function setRole(options: { db: PrismaClient; userId: string; role: Role }) {
  const user = await options.db.user.findUnique({
    where: { id: options.userId },
    select: { role: true, email: true },
  });
  if (!user) throw new AppError("NOT_FOUND", "There is no such account.");
  const isDemotion = user.role === "admin" && options.role !== "admin";
  if (isDemotion) await assertAnotherActiveAdmin(options.db, options.userId);
  const setTheRole = options.db.user.update({ where: { id: options.userId }, data: { role: options.role } });
  let linksWithdrawn = 0;
  if (isDemotion) {
    // An admin who stops being one takes their unused links along, in the same transaction.
    const [, invites, resets] = await options.db.$transaction([
      setTheRole,
      ...withdrawLinksMadeBy(options.db, options.userId, new Date()),
    ]);
    linksWithdrawn = invites.count + resets.count;
  } else {
    await setTheRole;
  }
  return {
    userId: options.userId,
    email: user.email,
    previousRole: user.role,
    role: options.role,
    linksWithdrawn,
  };
}

/**
 * The writes that withdraw every unused invite and reset link `userId` made: a link dies with its
 * maker's admin rights. (Claims check the maker too, in their own transaction: this makes the
 * withdrawal visible on the accounts page and lasting after a reactivation.)
 */
function withdrawLinksMadeBy(db: PrismaClient, userId: string, now: Date) {
  return [
    db.invite.updateMany({
      where: { createdById: userId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    }),
    db.passwordReset.updateMany({
      where: { createdById: userId, usedAt: null, replacedAt: null },
      data: { replacedAt: now },
    }),
  ] as const;
}

/**
 * Deactivates an account, ends its sessions, withdraws its open password reset links and every
 * unused invite and reset link it made; it can no longer sign in, and a link made before cannot open
 * it again after a reactivation.
 */
export async function deactivateUser(options: { db: PrismaClient; userId: string }) {
  const user = await options.db.user.findUnique({
    where: { id: options.userId },
    select: { role: true, email: true },
  });
  if (!user) throw new AppError("NOT_FOUND", "There is no such account.");
  if (user.role === "admin") await assertAnotherActiveAdmin(options.db, options.userId);
  const now = new Date();
  const results = await options.db.$transaction([
    options.db.user.update({ where: { id: options.userId }, data: { deactivatedAt: now } }),
    options.db.session.deleteMany({ where: { userId: options.userId } }),
    options.db.passwordReset.updateMany({
      where: { userId: options.userId, usedAt: null, replacedAt: null },
      data: { replacedAt: now },
    }),
    ...withdrawLinksMadeBy(options.db, options.userId, now),
  ]);
  return {
    userId: options.userId,
    email: user.email,
    linksWithdrawn: results[3].count + results[4].count,
  };
}

/** Lets a deactivated account sign in again. */
export async function reactivateUser(options: { db: PrismaClient; userId: string }) {
  const user = await options.db.user.findUnique({ where: { id: options.userId }, select: { email: true } });
  if (!user) throw new AppError("NOT_FOUND", "There is no such account.");
  await options.db.user.update({ where: { id: options.userId }, data: { deactivatedAt: null } });
  return { userId: options.userId, email: user.email };
}
