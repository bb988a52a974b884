import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { parseCookies } from "better-auth/cookies";
import type { Role } from "../shared/account";
import type { Auth } from "./auth";

/** Who is making a request, as every authorization decision sees it. */
export type SessionUser = { id: string; email: string; name: string; role: Role };

/**
 * The signed-in user of a request, read fresh from the database on every call (no cookie cache), so
 * a role change or a deactivation counts on the next request. Null when there is no valid session
 * or the account is deactivated.
 *
 * Every request asks this, so the common case is read directly (docs/decisions/013): the signed
 * session cookie is verified as Better Auth signs it, and the session with its user comes from one
 * query. Whenever Better Auth itself has something to do (a session to refresh or to delete because
 * it expired, a "don't remember me" cookie), its own getSession answers instead.
 */
export async function sessionUser(auth: Auth, headers: Headers): Promise<SessionUser | null> {
  const read = await readSessionDirectly(auth, headers);
  if (read !== DEFER_TO_BETTER_AUTH) return read && activeUser(read.user);
  const session = await auth.api.getSession({ headers });
  return session && activeUser(session.user);
}

/**
 * The id of the request's session (not its token), so that "end all other sessions" and a password
 * change can spare it. Null without a valid session.
 */
export async function currentSessionId(auth: Auth, headers: Headers): Promise<string | null> {
  const session = await auth.api.getSession({ headers });
  return session?.session.id ?? null;
}

type AccountState = { role?: string; deactivatedAt?: Date | null };

function activeUser(user: { id: string; email: string; name: string } & AccountState): SessionUser | null {
  if (user.deactivatedAt) return null;
  if (user.role !== "admin" && user.role !== "member" && user.role !== "viewer") return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

const DEFER_TO_BETTER_AUTH = Symbol("defer to Better Auth");

type DirectRead = { user: { id: string; email: string; name: string } & AccountState };

/**
 * The session of the request's cookie without Better Auth's endpoint machinery: null when there is
 * no signed session cookie or no such session, DEFER_TO_BETTER_AUTH when Better Auth must act.
 */
async function readSessionDirectly(
  auth: Auth,
  headers: Headers,
): Promise<DirectRead | null | typeof DEFER_TO_BETTER_AUTH> {
  const context = await auth.$context;
  const cookies = parseCookies(headers.get("cookie") ?? "");
  if (cookies.has(context.authCookies.dontRememberToken.name)) return DEFER_TO_BETTER_AUTH;
  const signed = cookies.get(context.authCookies.sessionToken.name);
  const token = signed ? verifiedCookieValue(signed, context.secret) : null;
  if (!token) return null;

  // One round trip: Prisma would read the session and its user with two queries. The same statement
  // notes the session's last use for the account page, writing at most once a minute per session.
  const [session] = await auth.launchpadDb.$queryRaw<SessionRow[]>`
    WITH found AS (
      SELECT s.id AS "sessionId", s."lastUsedAt", s."expiresAt",
        u.id, u.email, u.name, u.role::text AS role, u."deactivatedAt"
      FROM "Session" s JOIN "User" u ON u.id = s."userId"
      WHERE s.token = ${token}
    ), touched AS (
      -- Prisma keeps times as UTC in columns without a time zone.
      UPDATE "Session" SET "lastUsedAt" = now() AT TIME ZONE 'UTC'
      WHERE id IN (
        SELECT "sessionId" FROM found
        WHERE "expiresAt" > (now() AT TIME ZONE 'UTC')
          AND ("lastUsedAt" IS NULL OR "lastUsedAt" < (now() AT TIME ZONE 'UTC') - interval '1 minute')
      )
    )
    SELECT "expiresAt", id, email, name, role, "deactivatedAt" FROM found`;
  if (!session) return null;
  const { expiresIn, updateAge } = context.sessionConfig;
  const now = Date.now();
  const expired = session.expiresAt.getTime() < now;
  // Better Auth's own rule: a session is extended once updateAge has passed since it was last extended.
  const refreshDue = session.expiresAt.getTime() - expiresIn * 1000 + updateAge * 1000 <= now;
  if (expired || refreshDue) return DEFER_TO_BETTER_AUTH;
  const { id, email, name, role, deactivatedAt } = session;
  return { user: { id, email, name, role, deactivatedAt } };
}

type SessionRow = {
  expiresAt: Date;
  id: string;
  email: string;
  name: string;
  role: string;
  deactivatedAt: Date | null;
};

/**
 * The value of a cookie Better Auth signed (`value.base64(HMAC-SHA256(secret, value))`), or null
 * when the signature is missing or wrong. The comparison takes the same time whatever differs.
 */
function verifiedCookieValue(signed: string, secret: string): string | null {
  const dot = signed.lastIndexOf(".");
  if (dot < 1) return null;
  const value = signed.slice(0, dot);
  const signature = Buffer.from(signed.slice(dot + 1));
  const expected = Buffer.from(createHmac("sha256", secret).update(value).digest("base64"));
  return signature.length === expected.length && timingSafeEqual(signature, expected) ? value : null;
}
