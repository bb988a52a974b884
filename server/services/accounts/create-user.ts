import "server-only";
import { randomUUID } from "node:crypto";
import { hashPasswordInTurn } from "../../security/password-hashing";
import type { PrismaClient, Transaction as Tx } from "../../db/client";
import { AppError } from "../../errors/app-error";
import type { Role } from "../../shared/account";

export type NewAccount = {
  email: string;
  name: string;
  password: string;
  role: Role;
  /** A fixed id (test accounts); a random UUID otherwise. */
  id?: string;
};

/** Advisory lock key under which the first account is created: two setups cannot both win. */
const FIRST_ACCOUNT_LOCK = 7_301_013;

/** Writes the user and its password account (Better Auth's "credential" provider) in `tx`. */
async function insertAccount(tx: Tx, account: NewAccount, passwordHash: string) {
  const id = account.id ?? randomUUID();
  try {
    const user = await tx.user.create({
      data: { id, email: account.email, name: account.name, role: account.role, emailVerified: true },
      select: { id: true, email: true, name: true, role: true },
    });
    await tx.account.create({
      data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: passwordHash },
    });
    return user;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw new AppError("DUPLICATE_ACCOUNT", `There is already an account for ${account.email}.`);
    }
    throw error;
  }
}

/** Creates an account with a password (Better Auth's scrypt hash), in one transaction. */
export async function createUser(options: { db: PrismaClient; account: NewAccount }) {
  const passwordHash = await hashPasswordInTurn(options.account.password);
  return options.db.$transaction((tx) => insertAccount(tx, options.account, passwordHash));
}

/**
 * Creates the first account, as admin, only while there is no account at all; it becomes the owner
 * of projects made before accounts existed. Refused (SETUP_CLOSED) once any user exists, checked under
 * an advisory lock so that two simultaneous setups cannot both create one. `alsoInTransaction` runs
 * in the same transaction once the account exists (/setup spends its token and writes the entry).
 */
export async function createFirstAdmin(options: {
  db: PrismaClient;
  account: Omit<NewAccount, "role">;
  alsoInTransaction?: (tx: Tx, admin: { id: string; email: string }) => Promise<void>;
}) {
  const passwordHash = await hashPasswordInTurn(options.account.password);
  return options.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK})`;
    if ((await tx.user.count()) > 0) {
      throw new AppError("SETUP_CLOSED", "Launchpad is already set up: sign in instead.");
    }
    const admin = await insertAccount(tx, { ...options.account, role: "admin" }, passwordHash);
    // Projects made before accounts existed: the first admin owns them.
    await tx.project.updateMany({ where: { ownerId: null }, data: { ownerId: admin.id } });
    await options.alsoInTransaction?.(tx, admin);
    return admin;
  });
}

/** True when at least one account exists (pages send anonymous visitors to /setup otherwise). */
export async function hasAnyUser(db: PrismaClient): Promise<boolean> {
  return (await db.user.findFirst({ select: { id: true } })) !== null;
}
