import "server-only";
import type { Role } from "../shared/account";
import type { Auth } from "./auth";

/** Who is making a request, as every authorization decision sees it. */
export type SessionUser = { id: string; email: string; name: string; role: Role };

/**
 * The signed-in user of a request, read fresh from the database on every call (no cookie cache), so
 * a role change or a deactivation counts on the next request. Null when there is no valid session
 * or the account is deactivated.
 */
export async function sessionUser(auth: Auth, headers: Headers): Promise<SessionUser | null> {
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const user = session.user as typeof session.user & { role?: string; deactivatedAt?: Date | null };
  if (user.deactivatedAt) return null;
  if (user.role !== "admin" && user.role !== "member" && user.role !== "viewer") return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/**
 * The id of the request's session (not its token), so that "end all other sessions" and a password
 * change can spare it. Null without a valid session.
 */
export async function currentSessionId(auth: Auth, headers: Headers): Promise<string | null> {
  const session = await auth.api.getSession({ headers });
  return session?.session.id ?? null;
}
