/**
 * The only Better Auth endpoints served under /api/auth, kept in this one file. Everything else that
 * Better Auth registers (password changes, resets, sessions, its verify-password oracle...) answers
 * 404, and so does whatever a Better Auth upgrade adds: account changes go through the authorized
 * tRPC procedures instead (server/api/routers/account.ts). server/services/accounts/links.test.ts
 * walks every endpoint Better Auth registers and checks this.
 */
export const SERVED_AUTH_ENDPOINTS: readonly { method: "GET" | "POST"; path: string }[] = [
  // The sign-in page and scripts (README: POST /api/auth/sign-in/email).
  { method: "POST", path: "/sign-in/email" },
  // The Sign out button (app/sign-out/route.ts calls it in-process; clients may call it too).
  { method: "POST", path: "/sign-out" },
  // Scripts that check their session.
  { method: "GET", path: "/get-session" },
];

export const AUTH_BASE_PATH = "/api/auth";

/** True when `request` asks for a served endpoint (method and exact path). */
export function isServedAuthRequest(request: Request): boolean {
  const { pathname } = new URL(request.url);
  if (!pathname.startsWith(`${AUTH_BASE_PATH}/`)) return false;
  const path = pathname.slice(AUTH_BASE_PATH.length).replace(/\/+$/, "");
  return SERVED_AUTH_ENDPOINTS.some(
    (endpoint) => endpoint.method === request.method && endpoint.path === path,
  );
}

/** Better Auth's handler behind the allowlist: any other path or method is a plain 404. */
export function servedOnly(handler: (request: Request) => Promise<Response>) {
  return (request: Request): Promise<Response> =>
    isServedAuthRequest(request)
      ? handler(request)
      : Promise.resolve(Response.json({ error: "Not found." }, { status: 404 }));
}
