import "server-only";
import { z } from "zod";
import { authorize } from "../../auth/policy";
import { env } from "../../env";
import {
  createInviteInputSchema,
  inviteIdInputSchema,
  setRoleInputSchema,
  userIdInputSchema,
} from "../../shared/account";
import { createInvite, listOpenInvites, revokeInvite } from "../../services/accounts/invites";
import { createPasswordReset } from "../../services/accounts/password-resets";
import { deactivateUser, listUsers, reactivateUser, setRole } from "../../services/accounts/manage-users";
import { recordAudit } from "../../services/audit/record-audit";
import { createTRPCRouter, protectedProcedure } from "../trpc";

/** Account administration: admins only (server/auth/policy.ts, "accounts.manage"). */
export const adminRouter = createTRPCRouter({
  users: protectedProcedure.query(({ ctx }) => {
    authorize(ctx.user, "accounts.manage");
    return listUsers({ db: ctx.db });
  }),

  /** A single-use link that expires, shown to copy (there is no mail server). */
  createInvite: protectedProcedure
    .input(createInviteInputSchema)
    .output(
      z.object({
        id: z.string(),
        role: z.string(),
        email: z.string().nullable(),
        expiresAt: z.date(),
        url: z.string(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      authorize(ctx.user, "accounts.manage");
      const settings = env();
      const invite = await createInvite({
        db: ctx.db,
        role: input.role,
        email: input.email ?? null,
        createdById: ctx.user.id,
        publicOrigin: settings.publicOrigin,
        lifetimeHours: settings.LAUNCHPAD_INVITE_LIFETIME_HOURS,
      });
      // The link is a credential: the entry keeps the role, the bound email and the expiry, never the URL.
      await recordAudit(ctx.db, {
        action: "account.invite_created",
        actor: ctx.user,
        targetEmail: invite.email,
        detail: { role: invite.role, expiresAt: invite.expiresAt.toISOString() },
        headers: ctx.headers,
      });
      return invite;
    }),

  /** The invites that can still be accepted: role, bound email, who made it, until when. */
  invites: protectedProcedure
    .output(
      z.array(
        z.object({
          id: z.string(),
          role: z.string(),
          email: z.string().nullable(),
          createdAt: z.date(),
          expiresAt: z.date(),
          createdBy: z.object({ name: z.string(), email: z.string() }),
        }),
      ),
    )
    .query(({ ctx }) => {
      authorize(ctx.user, "accounts.manage");
      return listOpenInvites({ db: ctx.db });
    }),

  /** Withdraws an open invite; its link stops working at once. */
  revokeInvite: protectedProcedure
    .input(inviteIdInputSchema)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      authorize(ctx.user, "accounts.manage");
      const invite = await revokeInvite({ db: ctx.db, inviteId: input.inviteId });
      await recordAudit(ctx.db, {
        action: "account.invite_revoked",
        actor: ctx.user,
        targetEmail: invite.email,
        detail: { role: invite.role },
        headers: ctx.headers,
      });
      return { id: invite.id };
    }),

  /**
   * A single-use link with which the user sets a new password, shown to copy; it expires after an
   * hour and replaces any older unused link for the same user.
   */
  createPasswordReset: protectedProcedure
    .input(userIdInputSchema)
    .output(z.object({ userId: z.string(), email: z.string(), expiresAt: z.date(), url: z.string() }))
    .mutation(async ({ ctx, input }) => {
      authorize(ctx.user, "accounts.manage");
      const reset = await createPasswordReset({
        db: ctx.db,
        userId: input.userId,
        createdById: ctx.user.id,
        publicOrigin: env().publicOrigin,
      });
      // The link opens the account: the entry keeps whose and until when, never the URL.
      await recordAudit(ctx.db, {
        action: "account.password_reset_link_created",
        actor: ctx.user,
        targetEmail: reset.email,
        detail: { expiresAt: reset.expiresAt.toISOString() },
        headers: ctx.headers,
      });
      return reset;
    }),

  setRole: protectedProcedure.input(setRoleInputSchema).mutation(async ({ ctx, input }) => {
    authorize(ctx.user, "accounts.manage");
    const changed = await setRole({ db: ctx.db, userId: input.userId, role: input.role });
    await recordAudit(ctx.db, {
      action: "account.role_changed",
      actor: ctx.user,
      targetEmail: changed.email,
      detail: {
        from: changed.previousRole,
        to: changed.role,
        // An admin's demotion withdraws the links they made: the entry says how many.
        ...(changed.linksWithdrawn > 0 ? { linksWithdrawn: changed.linksWithdrawn } : {}),
      },
      headers: ctx.headers,
    });
    return { userId: changed.userId, role: changed.role };
  }),

  deactivate: protectedProcedure.input(userIdInputSchema).mutation(async ({ ctx, input }) => {
    authorize(ctx.user, "accounts.manage");
    const user = await deactivateUser({ db: ctx.db, userId: input.userId });
    await recordAudit(ctx.db, {
      action: "account.deactivated",
      actor: ctx.user,
      targetEmail: user.email,
      ...(user.linksWithdrawn > 0 ? { detail: { linksWithdrawn: user.linksWithdrawn } } : {}),
      headers: ctx.headers,
    });
    return { userId: user.userId };
  }),

  reactivate: protectedProcedure.input(userIdInputSchema).mutation(async ({ ctx, input }) => {
    authorize(ctx.user, "accounts.manage");
    const user = await reactivateUser({ db: ctx.db, userId: input.userId });
    await recordAudit(ctx.db, {
      action: "account.reactivated",
      actor: ctx.user,
      targetEmail: user.email,
      headers: ctx.headers,
    });
    return { userId: user.userId };
  }),
});
