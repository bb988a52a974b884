import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "~/server/auth/auth";

/**
 * Better Auth's endpoints under /api/auth. Only those in server/auth/served-paths.ts answer (sign-in
 * by email, sign-out, get-session); every other path is 404 (the allowlist is applied in
 * server/auth/auth.ts, so the tests that call `auth.handler` see the same). Everything else is done
 * through the authorized tRPC procedures.
 */
const handler = (request: Request) => auth().handler(request);

export const { GET, POST } = toNextJsHandler(handler);
