import "server-only";
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import type { PrismaClient } from "../db/client";
import { recordAudit } from "../services/audit/record-audit";

const SIGN_IN_PATH = "/sign-in/email";

/**
 * Better Auth's "after" hook that writes the audit entry of every sign-in through
 * `POST /api/auth/sign-in/email`, and of every failed one with the email that was tried (never the
 * password). Attempts refused by the rate limit never reach the endpoint and are not recorded: the
 * limit exists to absorb floods, and one entry per refused request would let a flood fill the log.
 */
export function signInAuditHook(db: PrismaClient) {
  return createAuthMiddleware(async (ctx) => {
    if (ctx.path !== SIGN_IN_PATH) return;
    const headers = ctx.request?.headers ?? ctx.headers ?? null;
    const signedIn = ctx.context.newSession;
    if (signedIn) {
      await recordAudit(db, {
        action: "account.signed_in",
        actor: { id: signedIn.user.id, email: signedIn.user.email },
        headers,
      });
      return;
    }
    const returned = ctx.context.returned;
    const body = ctx.body as { email?: unknown } | undefined;
    const triedEmail = typeof body?.email === "string" ? body.email.trim().toLowerCase() : null;
    await recordAudit(db, {
      action: "account.sign_in_failed",
      actor: { id: null, email: triedEmail },
      detail: {
        reason: isAPIError(returned) ? failureReason(returned.body?.code, returned.status) : "unknown",
      },
      headers,
    });
  });
}

/** A short reason for the log, from Better Auth's error code (its messages are not stable text). */
function failureReason(code: string | undefined, status: string | number): string {
  if (code === "INVALID_EMAIL_OR_PASSWORD") return "wrong email or password";
  if (status === "FORBIDDEN" || status === 403) return "account deactivated";
  return code ? code.toLowerCase().replaceAll("_", " ") : String(status).toLowerCase();
}
