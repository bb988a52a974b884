import "server-only";
import { z } from "zod";
import { AppError } from "../../errors/app-error";
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
import { claimPasswordChangeAttempt } from "../../services/accounts/password-change-limit";
import { completeSetup } from "../../services/accounts/complete-setup";
import { resetPassword } from "../../services/accounts/password-resets";
import { endOtherOwnSessions, endOwnSession, listOwnSessions } from "../../services/accounts/own-sessions";
import { createTRPCRouter, linkProcedure, procedureFor } from "../trpc";

/** The caller's own account: every signed-in user (the services scope each call to the caller). */
const ownAccountProcedure = procedureFor("account.manageOwn");

/** The request's session id; a signed-in procedure has one unless it ended a moment ago. */
async function requireSessionId(ctx: { currentSessionId: () => Promise<string | null> }): Promise<string> {
  const id = await ctx.currentSessionId();
  if (!id) throw new AppError("UNAUTHENTICATED", "Sign in to use Launchpad.");
  return id;
}

const sessionOutput = z.object({
  id: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  expiresAt: z.date(),
  lastUsedAt: z.date(),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  browser: z.string(),
  system: z.string(),
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
      const admin = await completeSetup({ db: ctx.db, input, audit: { headers: ctx.headers } });
      return { email: admin.email };
    }),

  /** Opens an account from an admin's invite link (the token is the proof). */
  acceptInvite: linkProcedure
    .input(acceptInviteInputSchema)
    .output(z.object({ email: z.string(), role: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const account = await acceptInvite({ db: ctx.db, input, audit: { headers: ctx.headers } });
      return { email: account.email, role: account.role };
    }),

  /** Sets a new password from an admin's reset link (the token is the proof); ends every session. */
  resetPassword: linkProcedure
    .input(resetPasswordInputSchema)
    .output(z.object({ email: z.string() }))
    .mutation(async ({ ctx, input }) => {
      // Nobody is signed in: the link was the proof, so the entry names the account it opened.
      const reset = await resetPassword({ db: ctx.db, input, audit: { headers: ctx.headers } });
      return { email: reset.email };
    }),

  /** The caller's own password; their other sessions end, this one stays. */
  changePassword: ownAccountProcedure
    .input(changePasswordInputSchema)
    .output(z.object({ sessionsEnded: z.number() }))
    .mutation(async ({ ctx, input }) => {
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
        audit: ctx.audit,
        currentSessionId: await requireSessionId(ctx),
        currentPassword: input.currentPassword,
        newPassword: input.newPassword,
      });
      return { sessionsEnded: changed.sessionsEnded };
    }),

  /** The caller's own signed-in browsers, this one marked. */
  sessions: ownAccountProcedure.output(z.array(sessionOutput)).query(async ({ ctx }) => {
    return listOwnSessions({
      db: ctx.db,
      userId: ctx.user.id,
      currentSessionId: await ctx.currentSessionId(),
    });
  }),

  /** Ends one of the caller's own sessions (someone else's is refused). */
  endSession: ownAccountProcedure
    .input(sessionIdInputSchema)
    .output(z.object({ sessionId: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const ended = await endOwnSession({ db: ctx.db, sessionId: input.sessionId, audit: ctx.audit });
      return { sessionId: ended.sessionId };
    }),

  /** Ends every session of the caller but this one. */
  endOtherSessions: ownAccountProcedure
    .output(z.object({ sessionsEnded: z.number() }))
    .mutation(async ({ ctx }) => {
      const ended = await endOtherOwnSessions({
        db: ctx.db,
        currentSessionId: await requireSessionId(ctx),
        audit: ctx.audit,
      });
      return { sessionsEnded: ended.sessionsEnded };
    }),
});
