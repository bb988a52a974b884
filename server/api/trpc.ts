import "server-only";
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { auth } from "../auth/auth";
import { authorize, type ProjectAction, type UserAction } from "../auth/policy";
import { currentSessionId, sessionUser, type SessionUser } from "../auth/session";
import { db, type PrismaClient } from "../db/client";
import { AppError, isAppError, type AppErrorCode } from "../errors/app-error";
import { env } from "../env";
import { clientAddress } from "../security/client-address";
import { assertUnderLinkLimit, assertUnderUserLimit, type UserLimits } from "../security/rate-limit";
import type { SignedInAuditRequest } from "../services/audit/record-audit";
import { projectAccessByInterview, projectAccessBySlug } from "../services/projects/project-access";
import { interviewIdSchema } from "../shared/interview";
import { projectSlugSchema } from "../shared/project";
import {
  provisioningConfigFromEnv,
  type ProvisioningConfig,
} from "../services/provisioning/provisioning-config";

/**
 * tRPC's one init file: the request context, the procedure builders and the error formatter.
 */

export type Context = {
  db: PrismaClient;
  /** Where and how projects are provisioned; read lazily so pages that never provision skip the key file. */
  provisioningConfig: () => ProvisioningConfig;
  /** The signed-in user, or null: every procedure requires one but the link procedures (setup, invite and reset links). */
  user: SessionUser | null;
  /** What one person may start per window (LAUNCHPAD_USER_*); null: no limit (in-process callers). */
  userLimits: UserLimits | null;
  /** The request's headers: the client address and the session cookie, for the audit and Better Auth. */
  headers: Headers;
  /** The id of the request's session (null without one): /account keeps it when others end. */
  currentSessionId: () => Promise<string | null>;
  resHeaders?: Headers;
};

/**
 * The context of one request: its session is looked up once, here (or by the page that renders,
 * which passes the user it already has).
 */
function userLimitsFromEnv(): UserLimits {
  const settings = env();
  return {
    projects: settings.LAUNCHPAD_USER_MAX_PROJECTS,
    runs: settings.LAUNCHPAD_USER_MAX_RUNS,
    windowSeconds: settings.LAUNCHPAD_USER_LIMIT_WINDOW_SECONDS,
  };
}

export async function createContext(opts: {
  headers: Headers;
  resHeaders?: Headers;
  user?: SessionUser | null;
}): Promise<Context> {
  return {
    db: db(),
    provisioningConfig: provisioningConfigFromEnv,
    user: opts.user !== undefined ? opts.user : await sessionUser(auth(), opts.headers),
    userLimits: userLimitsFromEnv(),
    headers: opts.headers,
    currentSessionId: () => currentSessionId(auth(), opts.headers),
    resHeaders: opts.resHeaders,
  };
}

/** How each application error code reaches the client. */
const TRPC_CODE_FOR: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: "NOT_FOUND",
  INVALID_INPUT: "BAD_REQUEST",
  INVALID_STACK: "BAD_REQUEST",
  DUPLICATE_PROJECT: "CONFLICT",
  PROVISIONING_IN_PROGRESS: "CONFLICT",
  CHANGED_MEANWHILE: "CONFLICT",
  PORT_RANGE_EXHAUSTED: "PRECONDITION_FAILED",
  UNSAFE_PATH: "BAD_REQUEST",
  PROVISIONING_FAILED: "INTERNAL_SERVER_ERROR",
  SECRET_UNREADABLE: "INTERNAL_SERVER_ERROR",
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  DUPLICATE_ACCOUNT: "CONFLICT",
  SETUP_CLOSED: "FORBIDDEN",
  WRONG_PASSWORD: "BAD_REQUEST",
  TOO_MANY_ATTEMPTS: "TOO_MANY_REQUESTS",
  PROJECT_ARCHIVED: "CONFLICT",
  PROJECT_BUSY: "CONFLICT",
  LIFECYCLE_STEP_FAILED: "PRECONDITION_FAILED",
};

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: TRPC_CODE_FOR[error.code], message: error.message, cause: error });
}

const UNEXPECTED_MESSAGE =
  "Something went wrong on the server. Try again; if it keeps failing, check the server log.";

/** What a client reads for an error that is not Launchpad's own (no AppError, no input schema). */
const UNREADABLE_MESSAGE = "The request could not be read. Send the input as the API expects it.";
const MESSAGE_FOR_CODE: Partial<Record<TRPC_ERROR_CODE_KEY, string>> = {
  PARSE_ERROR: UNREADABLE_MESSAGE,
  BAD_REQUEST: UNREADABLE_MESSAGE,
  NOT_FOUND: "There is no such API call.",
  METHOD_NOT_SUPPORTED: "Queries are read with GET and changes are sent with POST.",
  PAYLOAD_TOO_LARGE: "The request is too large.",
  TOO_MANY_REQUESTS: "Too many requests, try again in a few seconds.",
  UNAUTHORIZED: "Sign in to use Launchpad.",
  FORBIDDEN: "You are not allowed to do this.",
};

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const appError = isAppError(cause) ? cause : undefined;
    // A ZodError is the client's only as a 400 (input validation); a failed output validation is a
    // bug of ours, a 500, and its field paths are not for the client.
    const zodError =
      cause instanceof ZodError && shape.data.code === "BAD_REQUEST" ? z.flattenError(cause) : null;
    // Only Launchpad's own messages reach the client: an AppError's, or the input schema's. Anything
    // else (tRPC's and superjson's texts, driver messages with hosts or values in them) gets a
    // neutral sentence for its code; the server log keeps the original.
    const isOurs = appError !== undefined || zodError !== null;
    return {
      ...shape,
      message: isOurs ? shape.message : (MESSAGE_FOR_CODE[shape.data.code] ?? UNEXPECTED_MESSAGE),
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        appCode: appError?.code ?? null,
        details: appError?.details ?? null,
        zodError,
      },
    };
  },
});

/** The issues of a failed input validation as one readable sentence (tRPC's default is JSON). */
function describeZodError(error: ZodError): string {
  return error.issues.map((issue) => issue.message).join(" ");
}

/**
 * Gives every failure its final code and message, for HTTP clients and in-process callers alike:
 * AppErrors thrown by services get their mapped code, invalid input gets its messages as text.
 */
const appErrors = t.middleware(async ({ next, getRawInput }) => {
  // Input that cannot even be read (not JSON, or superjson it cannot decode) is the client's
  // mistake, a 400; tRPC would report it as a server error.
  try {
    await getRawInput();
  } catch {
    throw new TRPCError({ code: "BAD_REQUEST", message: UNREADABLE_MESSAGE });
  }
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (isAppError(cause)) return { ...result, error: toTRPCError(cause) };
  // Input validation only: tRPC reports a failed output validation as a server error.
  if (cause instanceof ZodError && result.error.code === "BAD_REQUEST") {
    return {
      ...result,
      error: new TRPCError({ code: "BAD_REQUEST", message: describeZodError(cause), cause }),
    };
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/*
 * The procedure builders. Routers build on these only (server/folder-dependencies.test.ts keeps it so):
 * every procedure but the link ones names the policy action it needs, so none can forget its
 * authorization; and every audited action is one service call that requires an AuditRequest and
 * writes its entry in the action's own transaction, so none can forget its entry.
 */

/** Open to anyone: only the link procedures below build on it. */
const publicProcedure = t.procedure.use(appErrors);

/**
 * The open procedures that take a link's token or the setup token instead of a session: limited per
 * client address before they do anything (server/security/rate-limit.ts).
 */
export const linkProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const settings = env();
  await assertUnderLinkLimit({
    db: ctx.db,
    address: clientAddress(ctx.headers),
    maxAttempts: settings.LAUNCHPAD_LINK_MAX_ATTEMPTS,
    windowSeconds: settings.LAUNCHPAD_LINK_WINDOW_SECONDS,
  });
  return next();
});

/** A signed-in, active user; what each may do is then decided by server/auth/policy.ts. */
const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError("UNAUTHENTICATED", "Sign in to use Launchpad.");
  const user = ctx.user;
  const audit: SignedInAuditRequest = { actor: { id: user.id, email: user.email }, headers: ctx.headers };
  return next({ ctx: { ...ctx, user, audit } });
});

/** A signed-in user whose role allows `action` (server/auth/policy.ts). */
export function procedureFor(action: UserAction) {
  return signedInProcedure.use(({ ctx, next }) => {
    authorize(ctx.user, action);
    return next();
  });
}

/** Account administration: admins only. */
export const adminProcedure = procedureFor("accounts.manage");

/**
 * A procedure on one project, named by `slug` in its input: the project is looked up and the
 * caller authorized for `action` on it before the procedure runs; it is in `ctx.project`.
 */
export function projectProcedure(action: ProjectAction) {
  return signedInProcedure.input(z.object({ slug: projectSlugSchema })).use(async ({ ctx, input, next }) => {
    const project = await projectAccessBySlug(ctx.db, input.slug);
    authorize(ctx.user, action, project);
    refuseWhileArchived(action, project);
    return next({ ctx: { ...ctx, project } });
  });
}

/** What needs the project's folder in place, or would write its state: refused while it is archived. */
const NEEDS_ACTIVE_PROJECT: ReadonlySet<ProjectAction> = new Set([
  "project.edit",
  "project.reprovision",
  "project.revealCredentials",
  "project.download",
  "project.manageGit",
]);

function refuseWhileArchived(action: ProjectAction, project: { archivedAt: Date | null }) {
  if (project.archivedAt && NEEDS_ACTIVE_PROJECT.has(action)) {
    throw new AppError("PROJECT_ARCHIVED", "This project is archived: restore it first.");
  }
}

/** The same for the project of an interview, named by `interviewId` in its input. */
export function interviewProcedure(action: ProjectAction) {
  return signedInProcedure
    .input(z.object({ interviewId: interviewIdSchema }))
    .use(async ({ ctx, input, next }) => {
      const project = await projectAccessByInterview(ctx.db, input.interviewId);
      authorize(ctx.user, action, project);
      refuseWhileArchived(action, project);
      return next({ ctx: { ...ctx, project } });
    });
}

/**
 * Counts one new project or provisioning run of the signed-in caller against their limits
 * (LAUNCHPAD_USER_*); callers made without limits (in-process, tests) are not counted.
 */
export async function countForCaller(
  ctx: { db: PrismaClient; user: SessionUser; userLimits: UserLimits | null },
  what: "projects" | "runs",
): Promise<void> {
  if (ctx.userLimits) {
    await assertUnderUserLimit({ db: ctx.db, userId: ctx.user.id, what, limits: ctx.userLimits });
  }
}
