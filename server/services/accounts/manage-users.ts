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
  if (user.role === "admin" && options.role !== "admin")
    await assertAnotherActiveAdmin(options.db, options.userId);
  await options.db.user.update({ where: { id: options.userId }, data: { role: options.role } });
  return { userId: options.userId, email: user.email, previousRole: user.role, role: options.role };
}

/**
 * Deactivates an account, ends its sessions and withdraws its open password reset links; it can no
 * longer sign in, and a link made before cannot open it again after a reactivation.
 */
export async function deactivateUser(options: { db: PrismaClient; userId: string }) {
  const user = await options.db.user.findUnique({
    where: { id: options.userId },
    select: { role: true, email: true },
  });
  if (!user) throw new AppError("NOT_FOUND", "There is no such account.");
  if (user.role === "admin") await assertAnotherActiveAdmin(options.db, options.userId);
  const now = new Date();
  await options.db.$transaction([
    options.db.user.update({ where: { id: options.userId }, data: { deactivatedAt: now } }),
    options.db.session.deleteMany({ where: { userId: options.userId } }),
    options.db.passwordReset.updateMany({
      where: { userId: options.userId, usedAt: null, replacedAt: null },
      data: { replacedAt: now },
    }),
  ]);
  return { userId: options.userId, email: user.email };
}

/** Lets a deactivated account sign in again. */
export async function reactivateUser(options: { db: PrismaClient; userId: string }) {
  const user = await options.db.user.findUnique({ where: { id: options.userId }, select: { email: true } });
  if (!user) throw new AppError("NOT_FOUND", "There is no such account.");
  await options.db.user.update({ where: { id: options.userId }, data: { deactivatedAt: null } });
  return { userId: options.userId, email: user.email };
}
