import { errorMessage } from "~/app/_trpc/error-message";

/**
 * Signs in through Better Auth's fixed endpoint with a plain fetch (no auth client library in the
 * bundle). Returns null on success (the session cookie is set), else the sentence to show.
 */
export async function signInWithPassword(email: string, password: string): Promise<string | null> {
  let response: Response;
  try {
    response = await fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
  } catch {
    return "Launchpad could not reach its server. Check that it is running, then try again.";
  }
  if (response.ok) return null;
  if (response.status === 429) {
    const wait = Number(response.headers.get("x-retry-after"));
    return `Too many sign-in attempts. Try again in ${Number.isFinite(wait) && wait > 0 ? wait : "a few"} seconds.`;
  }
  if (response.status === 401) return "Wrong email or password.";
  const body = (await response.json().catch(() => null)) as { message?: string } | null;
  return body?.message ?? `Sign-in failed (HTTP ${response.status}).`;
}

/**
 * Creates an account (the setup's or an invite's mutation), signs it in and opens the home page.
 * Returns null on success, else the sentence to show; the account stays created when only the
 * sign-in fails, and the sentence says so.
 */
export async function createAccountAndSignIn(
  create: () => Promise<unknown>,
  account: { email: string; password: string },
): Promise<string | null> {
  try {
    await create();
  } catch (failure) {
    return errorMessage(failure);
  }
  const signInFailure = await signInWithPassword(account.email, account.password);
  if (signInFailure) return `Your account was created, but signing in failed: ${signInFailure}`;
  window.location.assign("/");
  return null;
}
