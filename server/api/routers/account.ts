import "server-only";
import { z } from "zod";
import { auth } from "../../auth/auth";
import { authorize } from "../../auth/policy";
import { currentSessionId } from "../../auth/session";
import { AppError, isAppError } from "../../errors/app-error";
import { env } from "../../env";
import {
  acceptInviteInputSchema,
  changePasswordInputSchema,
  resetPasswordInputSchema,
  sessionIdInputSchema,
  setupInputSchema,
} from "../../shared/account";
import { acceptInvite } from "../../services/accounts/invites";
import { changeOwnPassword } from "../../services/accounts/change-password";
import {
  claimPasswordChangeAttempt,
  clearPasswordChangeAttempts,
} from "../../services/accounts/password-change-limit";
import { completeSetup } from "../../services/accounts/complete-setup";
import { resetPassword } from "../../services/accounts/password-resets";
import { endOtherOwnSessions, endOwnSession, listOwnSessions } from "../../services/accounts/own-sessions";
import { recordAudit } from "../../services/audit/record-audit";
import { createTRPCRouter, linkProcedure, protectedProcedure } from "../trpc";

/** The request's session id; a protected procedure has one unless it ended a moment ago. */
async function requireSessionId(headers: Headers): Promise<string> {
  const id = await currentSessionId(auth(), headers);
  if (!id) throw new AppError("UNAUTHENTICATED", "Sign in to use Launchpad.");
  return id;
}

const sessionOutput = z.object({
  id: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  expiresAt: z.date(),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  isCurrent: z.boolean(),
});

/**
 * The account procedures: the first-start setup and the link-based ones (invite, password reset) are
 * open, the token being the proof; the rest act on the caller's own account only. Better Auth's own
 * endpoints for these are disabled (server/auth/auth.ts): everything goes through here.
 */
export const accountRouter = createTRPCRouter({
  /** First start without the admin variables: the first account, with the token from the log. */
  setup: linkProcedure
    .input(setupInputSchema)
    .output(z.object({ email: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const admin = await completeSetup({ db: ctx.db, input });
      await recordAudit(ctx.db, {
        action: "account.setup_completed",
        actor: { id: admin.userId, email: admin.email },
        headers: ctx.headers,
      });
      return { email: admin.email };
    }),

  /** Opens an account from an admin's invite link (the token is the proof). */
  acceptInvite: linkProcedure
    .input(acceptInviteInputSchema)
    .output(z.object({ email: z.string(), role: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const account = await acceptInvite({ db: ctx.db, input });
      await recordAudit(ctx.db, {
        action: "account.invite_accepted",
        actor: { id: account.userId, email: account.email },
        targetEmail: account.email,
        detail: { role: account.role },
        headers: ctx.headers,
      });
      return { email: account.email, role: account.role };
    }),

  /** Sets a new password from an admin's reset link (the token is the proof); ends every session. */
  resetPassword: linkProcedure
    .input(resetPasswordInputSchema)
    .output(z.object({ email: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const reset = await resetPassword({ db: ctx.db, input });
      // Nobody is signed in: the link was the proof, so the entry names the account it opened.
      await recordAudit(ctx.db, {
        action: "account.password_reset",
        actor: { id: reset.userId, email: reset.email },
        targetEmail: reset.email,
        detail: { sessionsEnded: reset.sessionsEnded },
        headers: ctx.headers,
      });
      return { email: reset.email };
    }),

  /** The caller's own password; their other sessions end, this one stays. */
  changePassword: protectedProcedure
    .input(changePasswordInputSchema)
    .output(z.object({ sessionsEnded: z.number() }))
    .mutation(async ({ ctx, input }) => {
      authorize(ctx.user, "account.manageOwn");
      const settings = env();
      const user = ctx.user;
      // The attempt claims its slot before the password is checked: parallel guesses each count.
      await claimPasswordChangeAttempt({
        db: ctx.db,
        userId: user.id,
        maxAttempts: settings.LAUNCHPAD_SIGN_IN_MAX_ATTEMPTS,
        windowSeconds: settings.LAUNCHPAD_SIGN_IN_WINDOW_SECONDS,
      });
      const changed = await changeOwnPassword({
        db: ctx.db,
        userId: user.id,
        currentSessionId: await requireSessionId(ctx.headers),
        currentPassword: input.currentPassword,
        newPassword: input.newPassword,
      }).catch(async (error: unknown) => {
        if (isAppError(error, "WRONG_PASSWORD")) {
          await recordAudit(ctx.db, {
            action: "account.password_change_failed",
            actor: user,
            headers: ctx.headers,
          });
        }
        throw error;
      });
      await clearPasswordChangeAttempts(ctx.db, user.id);
      await recordAudit(ctx.db, {
        action: "account.password_changed",
        actor: ctx.user,
        detail: { sessionsEnded: changed.sessionsEnded },
        headers: ctx.headers,
      });
      return { sessionsEnded: changed.sessionsEnded };
    }),

  /** The caller's own signed-in browsers, this one marked. */
  sessions: protectedProcedure.output(z.array(sessionOutput)).query(async ({ ctx }) => {
    authorize(ctx.user, "account.manageOwn");
    return listOwnSessions({
      db: ctx.db,
      userId: ctx.user.id,
      currentSessionId: await currentSessionId(auth(), ctx.headers),
    });
  }),

  /** Ends one of the caller's own sessions (someone else's is refused). */
  endSession: protectedProcedure
    .input(sessionIdInputSchema)
    .output(z.object({ sessionId: z.string() }))
    .mutation(async ({ ctx, input }) => {
      authorize(ctx.user, "account.manageOwn");
      const ended = await endOwnSession({ db: ctx.db, userId: ctx.user.id, sessionId: input.sessionId });
      await recordAudit(ctx.db, {
        action: "account.session_ended",
        actor: ctx.user,
        detail: { sessionsEnded: 1 },
        headers: ctx.headers,
      });
      return { sessionId: ended.sessionId };
    }),

  /** Ends every session of the caller but this one. */
  endOtherSessions: protectedProcedure
    .output(z.object({ sessionsEnded: z.number() }))
    .mutation(async ({ ctx }) => {
      authorize(ctx.user, "account.manageOwn");
      const ended = await endOtherOwnSessions({
        db: ctx.db,
        userId: ctx.user.id,
        currentSessionId: await requireSessionId(ctx.headers),
      });
      await recordAudit(ctx.db, {
        action: "account.session_ended",
        actor: ctx.user,
        detail: { sessionsEnded: ended.sessionsEnded, others: true },
        headers: ctx.headers,
      });
      return { sessionsEnded: ended.sessionsEnded };
    }),
});
