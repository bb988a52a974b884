import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "../../db/client";

/**
 * The one-time token that opens /setup while no account exists. The launcher makes it and prints it
 * in the server log (the only secret that may be logged: whoever reads the log runs the server).
 * Only its SHA-256 is kept, in the database, so every instance of Launchpad accepts a token that any
 * of them printed; tokens older than a day are dropped, and the first account removes them all.
 */
const LIFETIME_MS = 24 * 60 * 60 * 1000;

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** Makes a new token and returns it for the log. */
export async function issueSetupToken(db: PrismaClient): Promise<string> {
  const token = randomBytes(18).toString("base64url");
  await db.setupToken.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - LIFETIME_MS) } } });
  await db.setupToken.create({ data: { tokenHash: hashOf(token) } });
  return token;
}

/** True when `candidate` is a current token (looked up by its hash, so no timing tells its text). */
export async function isSetupToken(db: PrismaClient, candidate: string): Promise<boolean> {
  const row = await db.setupToken.findUnique({ where: { tokenHash: hashOf(candidate) } });
  return row !== null && row.createdAt.getTime() > Date.now() - LIFETIME_MS;
}

/** Forgets every token: the first account exists (called in the transaction that creates it). */
export async function revokeSetupTokens(db: Pick<PrismaClient, "setupToken">): Promise<void> {
  await db.setupToken.deleteMany({});
}
