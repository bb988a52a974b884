import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import type { AcceptInviteInput, Role } from "../../shared/account";
import { hashToken, newOneTimeToken } from "./one-time-token";

/** How long an invite link works. */
export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Makes a single-use invite for `role` and returns the link to copy (there is no mail server). Only
 * the token's hash is stored, so the database alone cannot be used to accept it.
 */
export async function createInvite(options: {
  db: PrismaClient;
  role: Role;
  createdById: string;
  publicOrigin: string;
  now?: Date;
}) {
  const { token, tokenHash, expiresAt } = newOneTimeToken(INVITE_LIFETIME_MS, options.now);
  const invite = await options.db.invite.create({
    data: { tokenHash, role: options.role, createdById: options.createdById, expiresAt },
    select: { id: true, role: true, expiresAt: true },
  });
  return { ...invite, url: `${options.publicOrigin}/invite/${token}` };
}

/**
 * Creates the invited account. The invite is claimed by a conditional update (not yet accepted, not
 * expired) in the same transaction as the account, so a link works exactly once.
 */
export async function acceptInvite(options: { db: PrismaClient; input: AcceptInviteInput; now?: Date }) {
  const { input } = options;
  const now = options.now ?? new Date();
  const passwordHash = await hashPassword(input.password);
  return options.db.$transaction(async (tx) => {
    const invite = await tx.invite.findUnique({
      where: { tokenHash: hashToken(input.token) },
      select: { id: true, role: true },
    });
    if (!invite)
      throw new AppError("FORBIDDEN", "This invite link is not valid. Ask an admin for a new one.");
    const userId = randomUUID();
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
    const claimed = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now, acceptedById: userId },
    });
    if (claimed.count === 0) {
      throw new AppError(
        "FORBIDDEN",
        "This invite link was already used or has expired. Ask an admin for a new one.",
      );
    }
    return { userId, email: input.email, role: invite.role };
  });
}
