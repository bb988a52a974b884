import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";

/**
 * A user's own signed-in browsers (Better Auth's sessions). Every function is scoped to `userId`: a
 * user sees and ends their own sessions only. Sessions are read on every request (no cookie cache),
 * so an ended session is signed out on that browser's next request.
 */

/**
 * The user's unexpired sessions, newest first, with the one making the request marked. Never the
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
    select: { id: true, createdAt: true, updatedAt: true, expiresAt: true, ipAddress: true, userAgent: true },
    orderBy: { createdAt: "desc" },
  });
  return sessions.map((session) => ({ ...session, isCurrent: session.id === options.currentSessionId }));
}

/**
 * Ends one of the user's sessions. Someone else's session is refused (FORBIDDEN) and left alone.
 * Returns the user's id and the session's, for the audit ("session ended").
 */
export async function endOwnSession(options: { db: PrismaClient; userId: string; sessionId: string }) {
  const session = await options.db.session.findUnique({
    where: { id: options.sessionId },
    select: { userId: true },
  });
  if (!session) throw new AppError("NOT_FOUND", "This session has already ended.");
  if (session.userId !== options.userId) {
    throw new AppError("FORBIDDEN", "You can only end your own sessions.");
  }
  // Scoped to the user in the delete itself too, not only in the check above.
  const ended = await options.db.session.deleteMany({
    where: { id: options.sessionId, userId: options.userId },
  });
  if (ended.count === 0) throw new AppError("NOT_FOUND", "This session has already ended.");
  return { userId: options.userId, sessionId: options.sessionId };
}

/**
 * Ends every session of the user except the one making the request. Returns the user's id and how
 * many sessions ended, for the audit ("session ended", once per call).
 */
export async function endOtherOwnSessions(options: {
  db: PrismaClient;
  userId: string;
  currentSessionId: string;
}) {
  const ended = await options.db.session.deleteMany({
    where: { userId: options.userId, id: { not: options.currentSessionId } },
  });
  return { userId: options.userId, sessionsEnded: ended.count };
}
