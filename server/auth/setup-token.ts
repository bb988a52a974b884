import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The one-time token that opens /setup while no account exists. The launcher makes it and prints it
 * in the server log (the only secret that may be logged: whoever reads the log runs the server).
 * Next.js bundles its own copy of this module, so the token sits under a registered symbol on
 * globalThis, shared by both copies; it lives in memory only and is gone after use or a restart.
 */
const SETUP_TOKEN = Symbol.for("launchpad.setupToken");
type Holder = { [SETUP_TOKEN]?: string };

/** Makes a new token (replacing any earlier one) and returns it for the log. */
export function issueSetupToken(): string {
  const token = randomBytes(18).toString("base64url");
  (globalThis as Holder)[SETUP_TOKEN] = token;
  return token;
}

/** True when `candidate` is the current token (compared in constant time). */
export function isSetupToken(candidate: string): boolean {
  const token = (globalThis as Holder)[SETUP_TOKEN];
  if (!token) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Forgets the token: it opened /setup once. */
export function revokeSetupToken(): void {
  delete (globalThis as Holder)[SETUP_TOKEN];
}
