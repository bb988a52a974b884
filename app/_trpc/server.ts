import "server-only";
import { cache } from "react";
import { createCaller } from "~/server/api/root";
import { createContext } from "~/server/api/trpc";
import { currentUser, requestHeaders } from "~/server/auth/current-user";

/**
 * Server components call procedures in-process, through the same validation and authorization as
 * the HTTP API, as the user whose request is being rendered (one session lookup per request).
 */
export const serverCaller = cache(async () =>
  createCaller(await createContext({ headers: await requestHeaders(), user: await currentUser() })),
);
