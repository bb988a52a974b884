import "server-only";
import type { PrismaClient, Transaction as Tx } from "../../db/client";
import { AppError } from "../../errors/app-error";
import type { Role } from "../../shared/account";
import { writeAuditEntry, type AuditRequest } from "../audit/record-audit";

/** Every account, for the admins' page. */
export async function listUsers(options: { db: PrismaClient }) {
  return options.db.user.findMany({
    select: { id: true, name: true, email: true, role: true, deactivatedAt: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
}

/**
 * Advisory lock key under which every role change and deactivation runs: "at least one active
 * admin" is checked and kept in one critical section, so two admins demoting or deactivating each
 * other at the same moment cannot both pass the check (issue 23).
 */
const ACCOUNT_CHANGES_LOCK = 7_301_014;

/**
 * Runs `change` on `userId` in one transaction, under the account-changes lock, with the user as it
 * is inside it. When `losesAdmin(user)` says the change takes an active admin away, it is refused
 * unless another active admin remains.
 */
async function changeAccount<T>(
  db: PrismaClient,
  userId: string,
  losesAdmin: (user: { role: Role; deactivatedAt: Date | null }) => boolean,
  change: (tx: Tx, user: { role: Role; email: string }) => Promise<T>,
): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ACCOUNT_CHANGES_LOCK})`;
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { role: true, email: true, deactivatedAt: true },
    });
    if (!user) throw new AppError("NOT_FOUND", "There is no such account.");
    if (user.role === "admin" && user.deactivatedAt === null && losesAdmin(user)) {
      const others = await tx.user.count({
        where: { role: "admin", deactivatedAt: null, id: { not: userId } },
      });
      if (others === 0) throw new AppError("INVALID_INPUT", "Launchpad needs at least one active admin.");
    }
    return change(tx, user);
  });
}

/**
 * Changes a role; it counts on the user's next request (roles are read per request). An admin who
 * stops being one takes their unused links along, and the entry is written, in the same transaction.
 */
export async function setRole(options: {
  db: PrismaClient;
  userId: string;
  role: Role;
  audit: AuditRequest;
}) {
  return changeAccount(
    options.db,
    options.userId,
    () => options.role !== "admin",
    async (tx, user) => {
      await tx.user.update({ where: { id: options.userId }, data: { role: options.role } });
      const isDemotion = user.role === "admin" && options.role !== "admin";
      const linksWithdrawn = isDemotion ? await withdrawLinksMadeBy(tx, options.userId, new Date()) : 0;
      await writeAuditEntry(tx, {
        action: "account.role_changed",
        ...options.audit,
        targetEmail: user.email,
        detail: {
          from: user.role,
          to: options.role,
          // An admin's demotion withdraws the links they made: the entry says how many.
          ...(linksWithdrawn > 0 ? { linksWithdrawn } : {}),
        },
      });
      return {
        userId: options.userId,
        email: user.email,
        previousRole: user.role,
        role: options.role,
        linksWithdrawn,
      };
    },
  );
}

/**
 * Withdraws every unused invite and reset link `userId` made: a link dies with its maker's admin
 * rights. (Claims check the maker too, in their own transaction: this makes the withdrawal visible
 * on the accounts page and lasting after a reactivation.) Returns how many.
 */
async function withdrawLinksMadeBy(tx: Tx, userId: string, now: Date): Promise<number> {
  const invites = await tx.invite.updateMany({
    where: { createdById: userId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  const resets = await tx.passwordReset.updateMany({
    where: { createdById: userId, usedAt: null, replacedAt: null },
    data: { replacedAt: now },
  });
  return invites.count + resets.count;
}

/**
 * Deactivates an account, ends its sessions, withdraws its open password reset links and every
 * unused invite and reset link it made; it can no longer sign in, and a link made before cannot open
 * it again after a reactivation.
 */
export async function deactivateUser(options: { db: PrismaClient; userId: string; audit: AuditRequest }) {
  return changeAccount(
    options.db,
    options.userId,
    () => true,
    async (tx, user) => {
      const now = new Date();
      await tx.user.update({ where: { id: options.userId }, data: { deactivatedAt: now } });
      await tx.session.deleteMany({ where: { userId: options.userId } });
      await tx.passwordReset.updateMany({
        where: { userId: options.userId, usedAt: null, replacedAt: null },
        data: { replacedAt: now },
      });
      const linksWithdrawn = await withdrawLinksMadeBy(tx, options.userId, now);
      await writeAuditEntry(tx, {
        action: "account.deactivated",
        ...options.audit,
        targetEmail: user.email,
        ...(linksWithdrawn > 0 ? { detail: { linksWithdrawn } } : {}),
      });
      return { userId: options.userId, email: user.email, linksWithdrawn };
    },
  );
}

/** Lets a deactivated account sign in again. */
export async function reactivateUser(options: { db: PrismaClient; userId: string; audit: AuditRequest }) {
  return changeAccount(
    options.db,
    options.userId,
    () => false,
    async (tx, user) => {
      await tx.user.update({ where: { id: options.userId }, data: { deactivatedAt: null } });
      await writeAuditEntry(tx, { action: "account.reactivated", ...options.audit, targetEmail: user.email });
      return { userId: options.userId, email: user.email };
    },
  );
}
