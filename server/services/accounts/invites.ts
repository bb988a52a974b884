import "server-only";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { hashPasswordInTurn } from "../../security/password-hashing";
import type { AcceptInviteInput, Role } from "../../shared/account";
import { writeAuditEntry, type AuditOrigin, type SignedInAuditRequest } from "../audit/record-audit";
import { hashToken, LINK_UNUSABLE, newOneTimeToken } from "./one-time-token";

/** The default lifetime of an invite link (LAUNCHPAD_INVITE_LIFETIME_HOURS). */
export const DEFAULT_INVITE_LIFETIME_HOURS = 72;

/** An invite is open while unused, unrevoked, unexpired, and its creator is still an active admin. */
const openInvite = (now: Date) => ({
  acceptedAt: null,
  revokedAt: null,
  expiresAt: { gt: now },
  createdBy: { is: { role: "admin" as const, deactivatedAt: null } },
});

/**
 * Makes a single-use invite for `role` and returns the link to copy (there is no mail server). Only
 * the token's hash is stored, so the database alone cannot be used to accept it. With `email`, only
 * that address can accept it. The entry (role, bound email, expiry; never the link, which is a
 * credential) is written in the same transaction; the actor is the invite's maker.
 */
export async function createInvite(options: {
  db: PrismaClient;
  role: Role;
  email?: string | null;
  audit: SignedInAuditRequest;
  publicOrigin: string;
  lifetimeHours?: number;
  now?: Date;
}) {
  const lifetimeMs = (options.lifetimeHours ?? DEFAULT_INVITE_LIFETIME_HOURS) * 60 * 60 * 1000;
  const { token, tokenHash, expiresAt } = newOneTimeToken(lifetimeMs, options.now);
  const invite = await options.db.$transaction(async (tx) => {
    const created = await tx.invite.create({
      data: {
        tokenHash,
        role: options.role,
        email: options.email ?? null,
        createdById: options.audit.actor.id,
        expiresAt,
        ...(options.now ? { createdAt: options.now } : {}),
      },
      select: { id: true, role: true, email: true, expiresAt: true },
    });
    await writeAuditEntry(tx, {
      action: "account.invite_created",
      ...options.audit,
      targetEmail: created.email,
      detail: { role: created.role, expiresAt: created.expiresAt.toISOString() },
    });
    return created;
  });
  return { ...invite, url: `${options.publicOrigin}/invite/${token}` };
}

/** The open invite a token belongs to, or null: what the invite page asks before showing its form. */
export async function findOpenInvite(options: { db: PrismaClient; token: string; now?: Date }) {
  return options.db.invite.findFirst({
    where: { tokenHash: hashToken(options.token), ...openInvite(options.now ?? new Date()) },
    select: { id: true, role: true, email: true },
  });
}

/**
 * Creates the invited account. The link is checked before the password is hashed (a made-up or
 * dead token costs a lookup, not 200 ms of scrypt), and hashing happens before the transaction. In
 * the transaction the invite is claimed first, by a conditional update that also requires its
 * creator to be an active admin at that moment, so a link works exactly once and dies with its
 * maker; only then is the account created.
 */
export async function acceptInvite(options: {
  db: PrismaClient;
  input: AcceptInviteInput;
  audit: AuditOrigin;
  now?: Date;
}) {
  const { input } = options;
  const now = options.now ?? new Date();
  const invite = await findOpenInvite({ db: options.db, token: input.token, now });
  if (!invite) throw new AppError("FORBIDDEN", LINK_UNUSABLE);
  if (invite.email && invite.email.toLowerCase() !== input.email.toLowerCase()) {
    throw new AppError(
      "FORBIDDEN",
      "This invite is for another email address. Use the address the admin named.",
    );
  }
  // A taken email is refused before the hash, too: a live link must not make the server pay a
  // scrypt per email it is asked about. (The transaction's unique index still decides a race.)
  if (await options.db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new AppError("DUPLICATE_ACCOUNT", `There is already an account for ${input.email}.`);
  }
  const passwordHash = await hashPasswordInTurn(input.password);
  return options.db.$transaction(async (tx) => {
    const userId = randomUUID();
    const claimed = await tx.invite.updateMany({
      where: { id: invite.id, ...openInvite(now) },
      data: { acceptedAt: now },
    });
    if (claimed.count === 0) throw new AppError("FORBIDDEN", LINK_UNUSABLE);
    try {
      await tx.user.create({
        data: { id: userId, email: input.email, name: input.name, role: invite.role, emailVerified: true },
      });
    } catch (error) {
      if ((error as { code?: string }).code === "P2002") {
        throw new AppError("DUPLICATE_ACCOUNT", `There is already an account for ${input.email}.`);
      }
      throw error;
    }
    await tx.account.create({
      data: { id: randomUUID(), accountId: userId, providerId: "credential", userId, password: passwordHash },
    });
    await tx.invite.update({ where: { id: invite.id }, data: { acceptedById: userId } });
    await writeAuditEntry(tx, {
      action: "account.invite_accepted",
      actor: { id: userId, email: input.email },
      targetEmail: input.email,
      detail: { role: invite.role },
      headers: options.audit.headers,
    });
    return { userId, email: input.email, role: invite.role };
  });
}

/** The open invites, newest first, for the accounts page: role, bound email, creator, expiry. */
export async function listOpenInvites(options: { db: PrismaClient; now?: Date }) {
  return options.db.invite.findMany({
    where: openInvite(options.now ?? new Date()),
    select: {
      id: true,
      role: true,
      email: true,
      createdAt: true,
      expiresAt: true,
      createdBy: { select: { name: true, email: true } },
    },
    orderBy: { createdAt: "desc" },
  });
}

/** Withdraws an open invite; its link stops working at once. The entry is written with it. */
export async function revokeInvite(options: {
  db: PrismaClient;
  inviteId: string;
  audit: SignedInAuditRequest;
  now?: Date;
}) {
  const now = options.now ?? new Date();
  return options.db.$transaction(async (tx) => {
    const revoked = await tx.invite.updateMany({
      where: { id: options.inviteId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    if (revoked.count === 0) throw new AppError("NOT_FOUND", "That invite is no longer open.");
    const invite = await tx.invite.findUniqueOrThrow({
      where: { id: options.inviteId },
      select: { id: true, role: true, email: true },
    });
    await writeAuditEntry(tx, {
      action: "account.invite_revoked",
      ...options.audit,
      targetEmail: invite.email,
      detail: { role: invite.role },
    });
    return invite;
  });
}
