import "server-only";
import { createHash, randomBytes } from "node:crypto";

/**
 * The secret in a one-time link (invites, password resets). The link carries the token; the database
 * keeps only its sha256, so a copy of the database cannot be used to follow a link.
 */
export type OneTimeToken = { token: string; tokenHash: string; expiresAt: Date };

/** The sha256 (hex) under which a link's token is stored and looked up. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new random token (192 bits, URL-safe), its hash, and when it stops working. */
export function newOneTimeToken(lifetimeMs: number, now: Date = new Date()): OneTimeToken {
  const token = randomBytes(24).toString("base64url");
  return { token, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + lifetimeMs) };
}
