import { auth } from "~/server/auth/auth";
import { env } from "~/server/env";

/**
 * The header's sign-out form posts here (a plain form: the shared layout carries no auth client).
 * The launcher has already refused it from other sites. Ends the session in the database, clears
 * the cookie and goes to the sign-in page.
 */
export async function POST(request: Request) {
  const response = new Headers({ location: "/sign-in", "cache-control": "no-store" });
  try {
    // The launcher has checked where the post came from (a browser's own form says `Origin: null`
    // under our referrer policy, which Better Auth would refuse): it gets the session cookie and
    // Launchpad's own origin.
    const headers = new Headers({ cookie: request.headers.get("cookie") ?? "", origin: env().publicOrigin });
    const result = await auth().api.signOut({ headers, returnHeaders: true });
    for (const cookie of result.headers.getSetCookie()) response.append("set-cookie", cookie);
  } catch {
    // No session (already signed out): going to the sign-in page is still the answer.
  }
  return new Response(null, { status: 303, headers: response });
}
