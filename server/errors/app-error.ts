/**
 * The one error type services throw. Its code says what kind of failure it is; the tRPC layer maps
 * codes to HTTP-ish tRPC codes in one table (server/api/trpc.ts). Messages are written for the person
 * using Launchpad: what went wrong and what to do. They never contain secrets.
 */
export const APP_ERROR_CODES = [
  "NOT_FOUND",
  "INVALID_INPUT",
  "INVALID_STACK",
  "DUPLICATE_PROJECT",
  "PROVISIONING_IN_PROGRESS",
  "PORT_RANGE_EXHAUSTED",
  "UNSAFE_PATH",
  "PROVISIONING_FAILED",
  "SECRET_UNREADABLE",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "DUPLICATE_ACCOUNT",
  "SETUP_CLOSED",
  "WRONG_PASSWORD",
  "TOO_MANY_ATTEMPTS",
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export type AppErrorDetails = { problems?: { code: string; message: string; categories?: string[] }[] };

export class AppError extends Error {
  override readonly name = "AppError";

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: AppErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
