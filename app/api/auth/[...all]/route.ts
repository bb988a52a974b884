import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "~/server/auth/auth";

/**
 * Better Auth's endpoints under /api/auth: `POST /api/auth/sign-in/email` (the fixed interface that
 * scripts and the sign-in page use), sign-out and get-session. Everything else is disabled in
 * server/auth/auth.ts and done through authorized tRPC procedures.
 */
const handler = (request: Request) => auth().handler(request);

export const { GET, POST } = toNextJsHandler(handler);
