import "server-only";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { z } from "zod";
import type { PrismaClient } from "../db/client";
import { recordAudit } from "../services/audit/record-audit";
import {
  clearSignInFailures,
  recordSignInFailure,
  signInWaitSeconds,
  type SignInBackoffPolicy,
} from "../security/sign-in-backoff";

const SIGN_IN_PATH = "/sign-in/email";
const GET_SESSION_PATH = "/get-session";

/**
 * Better Auth's "after" hook for Launchpad: writes the audit entry of every sign-in and failed
 * sign-in, and keeps the session token out of JSON bodies (it lives in the HttpOnly cookie only).
 */
export function launchpadAfterHook(db: PrismaClient, backoff: SignInBackoffPolicy) {
  return createAuthMiddleware(async (ctx) => {
    if (ctx.path === SIGN_IN_PATH) {
      await auditSignIn(db, ctx);
      await countForBackoff(db, ctx, backoff);
      return withoutTokens(ctx.context.returned, (body) => ctx.json(body));
    }
    if (ctx.path === GET_SESSION_PATH) return withoutTokens(ctx.context.returned, (body) => ctx.json(body));
  });
}

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

const typedEmail = (ctx: HookContext): string | null => {
  const typed = (ctx.body as { email?: unknown } | undefined)?.email;
  return typeof typed === "string" && typed.trim() !== "" ? typed : null;
};

/**
 * Before a sign-in: an account in back-off (too many wrong passwords in a row, from any address)
 * gets 429 with the wait, before any password is hashed.
 */
export function launchpadBeforeHook(db: PrismaClient, backoff: SignInBackoffPolicy) {
  return createAuthMiddleware(async (ctx) => {
    if (ctx.path !== SIGN_IN_PATH) return;
    const email = typedEmail(ctx);
    if (!email) return;
    const wait = await signInWaitSeconds(db, email, backoff);
    if (wait > 0)
      throw new APIError(
        "TOO_MANY_REQUESTS",
        { message: `Too many wrong passwords for this account: try again in ${wait} s.` },
        { "X-Retry-After": String(wait) },
      );
  });
}

/** A wrong password counts towards the account's back-off; a correct sign-in clears it. */
async function countForBackoff(db: PrismaClient, ctx: HookContext, backoff: SignInBackoffPolicy) {
  const email = typedEmail(ctx);
  if (!email) return;
  if (ctx.context.newSession) return clearSignInFailures(db, email);
  const returned = ctx.context.returned;
  if (isAPIError(returned) && returned.body?.code === "INVALID_EMAIL_OR_PASSWORD")
    await recordSignInFailure(db, email, backoff);
}

/**
 * A sign-in with the user; a failed one with the email that was tried and a reason, never the
 * password. What was typed as the email is kept only when it is an email address: a password typed
 * into the wrong field must not land in the log. Attempts refused by the rate limit never reach the
 * endpoint and are not recorded: one entry per refused request would let a flood fill the log.
 */
async function auditSignIn(db: PrismaClient, ctx: HookContext) {
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
  const typed = (ctx.body as { email?: unknown } | undefined)?.email;
  const email = z
    .email()
    .max(254)
    .safeParse(typeof typed === "string" ? typed.trim().toLowerCase() : null);
  await recordAudit(db, {
    action: "account.sign_in_failed",
    actor: { id: null, email: email.success ? email.data : null },
    detail: {
      reason: !email.success
        ? "not an email address"
        : isAPIError(returned)
          ? failureReason(returned.body?.code, returned.status)
          : "unknown",
    },
    headers,
  });
}

/** A short reason for the log, from Better Auth's error code (its messages are not stable text). */
function failureReason(code: string | undefined, status: string | number): string {
  if (code === "INVALID_EMAIL_OR_PASSWORD") return "wrong email or password";
  if (status === "FORBIDDEN" || status === 403) return "account deactivated";
  return code ? code.toLowerCase().replaceAll("_", " ") : String(status).toLowerCase();
}

/**
 * The same body without the session token: sign-in returns `token`, get-session `session.token`.
 * Undefined (keep the response as it is) for errors and empty sessions.
 */
function withoutTokens<R>(returned: unknown, json: (body: Record<string, unknown>) => R): R | undefined {
  if (!returned || typeof returned !== "object" || isAPIError(returned) || returned instanceof Response) {
    return undefined;
  }
  const { token: _token, ...body } = returned as Record<string, unknown>;
  const session = body.session;
  if (session && typeof session === "object") {
    const { token: _sessionToken, ...rest } = session as Record<string, unknown>;
    body.session = rest;
  }
  return json(body);
}
