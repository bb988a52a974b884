import "server-only";
import { z } from "zod";
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
import { adminProcedure, createTRPCRouter } from "../trpc";

/** Account administration: admins only (server/auth/policy.ts, "accounts.manage"); each change writes its entry with it. */
export const adminRouter = createTRPCRouter({
  users: adminProcedure.query(({ ctx }) => {
    return listUsers({ db: ctx.db });
  }),

  /** A single-use link that expires, shown to copy (there is no mail server). */
  createInvite: adminProcedure
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
      const settings = env();
      const invite = await createInvite({
        db: ctx.db,
        role: input.role,
        email: input.email ?? null,
        audit: ctx.audit,
        publicOrigin: settings.publicOrigin,
        lifetimeHours: settings.LAUNCHPAD_INVITE_LIFETIME_HOURS,
      });
      return invite;
    }),

  /** The invites that can still be accepted: role, bound email, who made it, until when. */
  invites: adminProcedure
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
      return listOpenInvites({ db: ctx.db });
    }),

  /** Withdraws an open invite; its link stops working at once. */
  revokeInvite: adminProcedure
    .input(inviteIdInputSchema)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const invite = await revokeInvite({ db: ctx.db, inviteId: input.inviteId, audit: ctx.audit });
      return { id: invite.id };
    }),

  /**
   * A single-use link with which the user sets a new password, shown to copy; it expires after an
   * hour and replaces any older unused link for the same user.
   */
  createPasswordReset: adminProcedure
    .input(userIdInputSchema)
    .output(z.object({ userId: z.string(), email: z.string(), expiresAt: z.date(), url: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const reset = await createPasswordReset({
        db: ctx.db,
        userId: input.userId,
        audit: ctx.audit,
        publicOrigin: env().publicOrigin,
      });
      return reset;
    }),

  setRole: adminProcedure.input(setRoleInputSchema).mutation(async ({ ctx, input }) => {
    const changed = await setRole({ db: ctx.db, userId: input.userId, role: input.role, audit: ctx.audit });
    return { userId: changed.userId, role: changed.role };
  }),

  deactivate: adminProcedure.input(userIdInputSchema).mutation(async ({ ctx, input }) => {
    const user = await deactivateUser({ db: ctx.db, userId: input.userId, audit: ctx.audit });
    return { userId: user.userId };
  }),

  reactivate: adminProcedure.input(userIdInputSchema).mutation(async ({ ctx, input }) => {
    const user = await reactivateUser({ db: ctx.db, userId: input.userId, audit: ctx.audit });
    return { userId: user.userId };
  }),
});
