import "server-only";
import { z } from "zod";
import { authorize } from "../../auth/policy";
import { env } from "../../env";
import { createInviteInputSchema, setRoleInputSchema, userIdInputSchema } from "../../shared/account";
import { createInvite } from "../../services/accounts/invites";
import { createPasswordReset } from "../../services/accounts/password-resets";
import { deactivateUser, listUsers, reactivateUser, setRole } from "../../services/accounts/manage-users";
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
    .output(z.object({ id: z.string(), role: z.string(), expiresAt: z.date(), url: z.string() }))
    .mutation(({ ctx, input }) => {
      authorize(ctx.user, "accounts.manage");
      return createInvite({
        db: ctx.db,
        role: input.role,
        createdById: ctx.user.id,
        publicOrigin: env().publicOrigin,
      });
    }),

  /**
   * A single-use link with which the user sets a new password, shown to copy; it expires after an
   * hour and replaces any older unused link for the same user.
   */
  createPasswordReset: protectedProcedure
    .input(userIdInputSchema)
    .output(z.object({ userId: z.string(), email: z.string(), expiresAt: z.date(), url: z.string() }))
    .mutation(({ ctx, input }) => {
      authorize(ctx.user, "accounts.manage");
      return createPasswordReset({
        db: ctx.db,
        userId: input.userId,
        createdById: ctx.user.id,
        publicOrigin: env().publicOrigin,
      });
    }),

  setRole: protectedProcedure.input(setRoleInputSchema).mutation(({ ctx, input }) => {
    authorize(ctx.user, "accounts.manage");
    return setRole({ db: ctx.db, userId: input.userId, role: input.role });
  }),

  deactivate: protectedProcedure.input(userIdInputSchema).mutation(({ ctx, input }) => {
    authorize(ctx.user, "accounts.manage");
    return deactivateUser({ db: ctx.db, userId: input.userId });
  }),

  reactivate: protectedProcedure.input(userIdInputSchema).mutation(({ ctx, input }) => {
    authorize(ctx.user, "accounts.manage");
    return reactivateUser({ db: ctx.db, userId: input.userId });
  }),
});
