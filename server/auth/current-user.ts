import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "../db/client";
import { hasAnyUser } from "../services/accounts/create-user";
import { auth } from "./auth";
import { sessionUser, type SessionUser } from "./session";

/** The headers of the request being rendered (a copy: Next.js's are read-only). */
export const requestHeaders = cache(async () => new Headers(await headers()));

/** The signed-in user of the request being rendered, looked up once per request. */
export const currentUser = cache(async (): Promise<SessionUser | null> =>
  sessionUser(auth(), await requestHeaders()),
);

/**
 * For every page but /sign-in and /setup: the signed-in user, or a redirect to /setup while no
 * account exists, else to /sign-in.
 */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (user) return user;
  redirect((await hasAnyUser(db())) ? "/sign-in" : "/setup");
}
