import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { writeAuditEntry, type SignedInAuditRequest } from "../audit/record-audit";
import { describeDevice } from "./describe-device";

/**
 * A user's own signed-in browsers (Better Auth's sessions). Every function is scoped to `userId`: a
 * user sees and ends their own sessions only. Sessions are read on every request (no cookie cache),
 * so an ended session is signed out on that browser's next request.
 */

/**
 * The user's unexpired sessions, newest first, with the one making the request marked and each
 * browser and system named. Never the
 * session token (the cookie's secret): only its row id, which is useless without the token.
 */
export async function listOwnSessions(options: {
  db: PrismaClient;
  userId: string;
  currentSessionId: string | null;
  now?: Date;
}) {
  const sessions = await options.db.session.findMany({
    where: { userId: options.userId, expiresAt: { gt: options.now ?? new Date() } },
    select: {
      id: true,
      createdAt: true,
      updatedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      ipAddress: true,
      userAgent: true,
    },
    orderBy: { createdAt: "desc" },
  });
  return sessions.map(({ lastUsedAt, ...session }) => ({
    ...session,
    ...describeDevice(session.userAgent),
    // A session not read since this column came is shown as used when it was made.
    lastUsedAt: lastUsedAt ?? session.createdAt,
    isCurrent: session.id === options.currentSessionId,
  }));
}

/**
 * Ends one of the caller's own sessions, with its entry ("session ended") in the same transaction.
 * Someone else's session is refused (FORBIDDEN) and left alone.
 */
export async function endOwnSession(options: {
  db: PrismaClient;
  sessionId: string;
  audit: SignedInAuditRequest;
}) {
  const userId = options.audit.actor.id;
  return options.db.$transaction(async (tx) => {
    const session = await tx.session.findUnique({
      where: { id: options.sessionId },
      select: { userId: true },
    });
    if (!session) throw new AppError("NOT_FOUND", "This session has already ended.");
    if (session.userId !== userId) {
      throw new AppError("FORBIDDEN", "You can only end your own sessions.");
    }
    // Scoped to the user in the delete itself too, not only in the check above.
    const ended = await tx.session.deleteMany({ where: { id: options.sessionId, userId } });
    if (ended.count === 0) throw new AppError("NOT_FOUND", "This session has already ended.");
    await writeAuditEntry(tx, {
      action: "account.session_ended",
      ...options.audit,
      detail: { sessionsEnded: 1 },
    });
    return { userId, sessionId: options.sessionId };
  });
}

/**
 * Ends every session of the caller except the one making the request, with one entry ("session
 * ended", saying how many) in the same transaction.
 */
export async function endOtherOwnSessions(options: {
  db: PrismaClient;
  currentSessionId: string;
  audit: SignedInAuditRequest;
}) {
  const userId = options.audit.actor.id;
  return options.db.$transaction(async (tx) => {
    const ended = await tx.session.deleteMany({
      where: { userId, id: { not: options.currentSessionId } },
    });
    await writeAuditEntry(tx, {
      action: "account.session_ended",
      ...options.audit,
      detail: { sessionsEnded: ended.count, others: true },
    });
    return { userId, sessionsEnded: ended.count };
  });
}
