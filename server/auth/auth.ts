import "server-only";
import { hkdfSync } from "node:crypto";
import { APIError, betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import type { PrismaClient } from "../db/client";
import { db } from "../db/client";
import { env } from "../env";
import { loadSecretKey } from "../security/secret-box";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../shared/account";
import { CLIENT_ADDRESS_HEADER } from "../security/client-address";
import { isAppError } from "../errors/app-error";
import { hashPasswordInTurn, verifyPasswordInTurn } from "../security/password-hashing";
import type { SignInBackoffPolicy } from "../security/sign-in-backoff";
import { launchpadAfterHook, launchpadBeforeHook } from "./auth-hooks";
import { servedOnly } from "./served-paths";

/** A full sign-in pool answers Better Auth's own 429, with the pool's message. */
async function inSignInTurn<T>(task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (isAppError(error, "TOO_MANY_ATTEMPTS"))
      throw new APIError("TOO_MANY_REQUESTS", { message: error.message });
    throw error;
  }
}

/**
 * Better Auth, configured for Launchpad (docs/decisions/013): email and password only, sessions in
 * Launchpad's own database through the Prisma adapter, no self-service sign-up (accounts come from
 * /setup, the admin variables and invites), the sign-in rate limit kept in the database.
 */
export type AuthOptions = {
  db: PrismaClient;
  /** LAUNCHPAD_URL's origin: Secure cookies when it is https. */
  publicOrigin: string;
  /** Origins whose requests Better Auth accepts (its own CSRF check). */
  trustedOrigins: string[];
  /** Signs session cookies. */
  secret: string;
  signIn: { maxAttempts: number; windowSeconds: number };
  /** The per-account back-off on wrong passwords (server/security/sign-in-backoff.ts). */
  signInBackoff?: SignInBackoffPolicy;
};

export const DEFAULT_SIGN_IN_BACKOFF: SignInBackoffPolicy = {
  freeFailures: 5,
  baseSeconds: 2,
  maxSeconds: 900,
  resetSeconds: 3600,
};

export function createAuth(options: AuthOptions) {
  const isHttps = options.publicOrigin.startsWith("https:");
  const backoff = options.signInBackoff ?? DEFAULT_SIGN_IN_BACKOFF;
  const auth = betterAuth({
    appName: "Launchpad",
    baseURL: options.publicOrigin,
    secret: options.secret,
    trustedOrigins: options.trustedOrigins,
    // The embedded database serves every connection from one session: a transaction opened by the
    // adapter would make every other query of the process wait behind it (docs/decisions/001).
    database: prismaAdapter(options.db, { provider: "postgresql", transaction: false }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      // Sign-ins hash in a pool of their own, capped per process: a flood of link claims cannot
      // starve them, nor a flood of sign-ins the server (server/security/password-hashing.ts).
      password: {
        hash: (password) => inSignInTurn(() => hashPasswordInTurn(password, "sign-in")),
        verify: (data) => inSignInTurn(() => verifyPasswordInTurn(data, "sign-in")),
      },
    },
    user: {
      additionalFields: {
        role: { type: "string", input: false, defaultValue: "member" },
        deactivatedAt: { type: "date", required: false, input: false },
      },
    },
    session: {
      // No cookie cache: a role change or a deactivation must count on the very next request.
      cookieCache: { enabled: false },
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 1000,
      customRules: {
        "/sign-in/email": { window: options.signIn.windowSeconds, max: options.signIn.maxAttempts },
      },
    },
    advanced: {
      // Better Auth asks its adapter for the session with its user in one call. It answers only the
      // requests server/auth/session.ts defers to it; that module reads the common case itself.
      database: { joins: true },
      useSecureCookies: isHttps,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: isHttps },
      // The launcher sets this header from the socket (or a trusted proxy) and drops any sent by the
      // client (server/security/request-guard.ts), so it cannot be forged.
      // IPv6 clients count per /64 (one subscriber's block), as Better Auth's default also says.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER], ipv6Subnet: 64 },
    },
    // Sign-ins go to the audit log; session tokens stay out of JSON bodies (server/auth/auth-hooks.ts).
    hooks: {
      before: launchpadBeforeHook(options.db, backoff),
      after: launchpadAfterHook(options.db, backoff),
    },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const user = await options.db.user.findUnique({
              where: { id: session.userId },
              select: { deactivatedAt: true },
            });
            if (!user || user.deactivatedAt) {
              throw new APIError("FORBIDDEN", { message: "This account is deactivated. Ask an admin." });
            }
          },
        },
      },
    },
  });
  // Only the allowlisted endpoints answer over HTTP (./served-paths.ts); the database its sessions
  // live in is kept for sessionUser, which reads the common case directly (./session.ts).
  return Object.assign(auth, { launchpadDb: options.db, handler: servedOnly(auth.handler) });
}

export type Auth = ReturnType<typeof createAuth>;

/** The session-signing secret, derived from Launchpad's secret key: one key to back up, not two. */
export function sessionSecretFromKey(key: Buffer): string {
  return Buffer.from(hkdfSync("sha256", key, "", "launchpad session cookies", 32)).toString("base64");
}

const globalForAuth = globalThis as unknown as { launchpadAuth?: Auth };

/** The process's Better Auth instance, on the process's database and settings (server/env.ts). */
export function auth(): Auth {
  if (!globalForAuth.launchpadAuth) {
    const config = env();
    globalForAuth.launchpadAuth = createAuth({
      db: db(),
      publicOrigin: config.publicOrigin,
      trustedOrigins: config.allowedOrigins,
      secret: sessionSecretFromKey(loadSecretKey()),
      signIn: {
        maxAttempts: config.LAUNCHPAD_SIGN_IN_MAX_ATTEMPTS,
        windowSeconds: config.LAUNCHPAD_SIGN_IN_WINDOW_SECONDS,
      },
      signInBackoff: {
        ...DEFAULT_SIGN_IN_BACKOFF,
        freeFailures: config.LAUNCHPAD_SIGN_IN_ACCOUNT_FREE_FAILURES,
        maxSeconds: config.LAUNCHPAD_SIGN_IN_BACKOFF_MAX_SECONDS,
      },
    });
  }
  return globalForAuth.launchpadAuth;
}
