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
  /** A change made against a state that another change replaced meanwhile (an owner, say). */
  "CHANGED_MEANWHILE",
  /** The project is archived: only restore and purge apply to it (issue 29). */
  "PROJECT_ARCHIVED",
  /** An archive, restore or purge of the project is under way. */
  "PROJECT_BUSY",
  /** A step of an archive, restore or purge failed; it is recorded on the project and can be retried. */
  "LIFECYCLE_STEP_FAILED",
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export type AppErrorDetails = {
  problems?: { code: string; message: string; categories?: string[] }[];
  /** For a project that is gone because it was purged: when (ISO 8601). */
  purgedAt?: string;
};

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

/**
 * True for an AppError (of `code`, when given). Recognised by its name and code too, not only by
 * class: the launcher and the Next.js bundle each load this module, and an error made by one copy
 * (e.g. by the password hashing pools the launcher shares with the app) must still count in the
 * other.
 */
export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  const isOne =
    error instanceof AppError ||
    (error instanceof Error &&
      error.name === "AppError" &&
      (APP_ERROR_CODES as readonly unknown[]).includes((error as { code?: unknown }).code));
  return isOne && (code === undefined || (error as AppError).code === code);
}
