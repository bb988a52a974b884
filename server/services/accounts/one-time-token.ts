import "server-only";
import { createHash, randomBytes } from "node:crypto";

/**
 * The secret in a one-time link (invites, password resets). The link carries the token; the database
 * keeps only its sha256, so a copy of the database cannot be used to follow a link.
 */
export type OneTimeToken = { token: string; tokenHash: string; expiresAt: Date };

/**
 * What every link that cannot be used answers, whatever the reason (unknown, used, replaced or
 * revoked, expired, made by someone no longer an active admin, for a deactivated account): one
 * message, so a link tells its holder nothing about accounts or other links (issue 19).
 */
export const LINK_UNUSABLE = "This link cannot be used. Ask an admin for a new one.";

/** The sha256 (hex) under which a link's token is stored and looked up. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new random token (192 bits, URL-safe), its hash, and when it stops working. */
export function newOneTimeToken(lifetimeMs: number, now: Date = new Date()): OneTimeToken {
  const token = randomBytes(24).toString("base64url");
  return { token, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + lifetimeMs) };
}
