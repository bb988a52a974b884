import { z } from "zod";
import { displayNameProblem } from "./display-name";

/** Validation of account forms (setup, sign-in, invites, password changes), shared with the API. */

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;
export const ACCOUNT_NAME_MAX = 80;

export const ROLES = ["admin", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `The password can have at most ${MAX_PASSWORD_LENGTH} characters.`);

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter an email address, like ada@example.com." }).max(254));

export const accountNameSchema = z
  .string()
  .trim()
  .min(1, "Enter your name.")
  .max(ACCOUNT_NAME_MAX, `A name can have at most ${ACCOUNT_NAME_MAX} characters.`)
  .superRefine((name, ctx) => {
    const problem = displayNameProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: `A name ${problem}.` });
  });

/** The first account, created on /setup with the token printed in the server log. */
export const setupInputSchema = z.object({
  token: z.string().trim().min(1, "Enter the setup token from the server log.").max(200),
  name: accountNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type SetupInput = z.infer<typeof setupInputSchema>;

/** An admin's invite: the role the new account gets. */
export const createInviteInputSchema = z.object({
  role: z.enum(ROLES, { error: "Choose admin, member or viewer." }),
  /** Optional: only this address can accept the invite. An empty field means anyone with the link. */
  email: z.union([z.literal("").transform(() => undefined), emailSchema]).optional(),
});

export const inviteIdInputSchema = z.object({ inviteId: z.uuid({ error: "That is not an invite." }) });

/** Accepting an invite: the token from the link and the new account's details. */
export const acceptInviteInputSchema = z.object({
  token: z.string().trim().min(1, "This invite link is incomplete.").max(200),
  name: accountNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type AcceptInviteInput = z.infer<typeof acceptInviteInputSchema>;

export const setRoleInputSchema = z.object({
  userId: z.string().min(1).max(100),
  role: z.enum(ROLES, { error: "Choose admin, member or viewer." }),
});

export const userIdInputSchema = z.object({ userId: z.string().min(1).max(100) });

/** Setting a new password with an admin's reset link: the token from the link and the password. */
export const resetPasswordInputSchema = z.object({
  token: z.string().trim().min(1, "This password reset link is incomplete.").max(200),
  password: passwordSchema,
});
export type ResetPasswordInput = z.infer<typeof resetPasswordInputSchema>;

/** A signed-in user changing their own password: the current one proves it is them. */
export const changePasswordInputSchema = z.object({
  currentPassword: z
    .string()
    .min(1, "Enter your current password.")
    .max(MAX_PASSWORD_LENGTH, "That is not your current password: it is too long."),
  newPassword: passwordSchema,
});

export const sessionIdInputSchema = z.object({ sessionId: z.string().min(1).max(200) });
