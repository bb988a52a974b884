import "server-only";
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { db, type PrismaClient } from "../db/client";
import { AppError, type AppErrorCode } from "../errors/app-error";
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
  resHeaders?: Headers;
};

export function createContext(opts: { resHeaders?: Headers } = {}): Context {
  return { db: db(), provisioningConfig: provisioningConfigFromEnv, resHeaders: opts.resHeaders };
}

/** How each application error code reaches the client. */
const TRPC_CODE_FOR: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: "NOT_FOUND",
  INVALID_INPUT: "BAD_REQUEST",
  INVALID_STACK: "BAD_REQUEST",
  DUPLICATE_PROJECT: "CONFLICT",
  PROVISIONING_IN_PROGRESS: "CONFLICT",
  PORT_RANGE_EXHAUSTED: "PRECONDITION_FAILED",
  UNSAFE_PATH: "BAD_REQUEST",
  PROVISIONING_FAILED: "INTERNAL_SERVER_ERROR",
  SECRET_UNREADABLE: "INTERNAL_SERVER_ERROR",
};

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: TRPC_CODE_FOR[error.code], message: error.message, cause: error });
}

const UNEXPECTED_MESSAGE =
  "Something went wrong on the server. Try again; if it keeps failing, check the server log.";

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const appError = cause instanceof AppError ? cause : undefined;
    const zodError = cause instanceof ZodError ? z.flattenError(cause) : null;
    // Unexpected errors may carry driver messages with hosts or values in them: the client gets a
    // neutral message, the server log keeps the original.
    const isUnexpected = shape.data.code === "INTERNAL_SERVER_ERROR" && !appError;
    return {
      ...shape,
      message: isUnexpected ? UNEXPECTED_MESSAGE : shape.message,
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
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof AppError) return { ...result, error: toTRPCError(cause) };
  if (cause instanceof ZodError) {
    return {
      ...result,
      error: new TRPCError({ code: "BAD_REQUEST", message: describeZodError(cause), cause }),
    };
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(appErrors);
