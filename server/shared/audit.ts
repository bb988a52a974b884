import { z } from "zod";
import { projectSlugSchema } from "./project";

/**
 * What the audit log records, with the words a person reads. The codes are stored as they are
 * (AuditEntry.action), so a code is never renamed; a new one is added at the end.
 */
export const AUDIT_ACTION_LABELS = {
  "credentials.revealed": "Revealed the database password",
  "stack.saved": "Saved the stack",
  "project.reprovisioned": "Re-provisioned",
  "project.ownership_transferred": "Transferred ownership",
  "account.signed_in": "Signed in",
  "account.sign_in_failed": "Failed sign-in",
  "account.setup_completed": "Created the first admin on /setup",
  "account.invite_created": "Created an invite",
  "account.invite_accepted": "Accepted an invite",
  "account.role_changed": "Changed a role",
  "account.deactivated": "Deactivated an account",
  "account.reactivated": "Reactivated an account",
  "account.password_reset_link_created": "Created a password reset link",
  "account.password_reset": "Reset a password with a link",
  "account.password_changed": "Changed their password",
  "account.session_ended": "Ended own sessions",
  "account.password_change_failed": "Entered a wrong current password",
  "account.invite_revoked": "Revoked an invite",
  "project.downloaded_with_env": "Downloaded the project with its .env",
  "project.remote_set": "Set the git remote",
  "project.remote_removed": "Removed the git remote",
  "project.pushed": "Pushed to the git remote",
  "project.archived": "Archived the project",
  "project.restored": "Restored the project",
  "project.purged": "Purged the project",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as [AuditAction, ...AuditAction[]];

export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}

/** Dates in filters are whole days (the form's <input type="date">), read in UTC. */
const daySchema = z.iso.date({ error: "Enter a date as YYYY-MM-DD." });

/** The admins' filters on /admin/audit and its CSV export; every one is optional. */
export const auditFilterSchema = z
  .object({
    action: z.enum(AUDIT_ACTIONS, { error: "Choose an action from the list." }).optional(),
    /** Part of the actor's or the target account's email. */
    email: z.string().trim().max(320).optional(),
    project: projectSlugSchema.optional(),
    from: daySchema.optional(),
    to: daySchema.optional(),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, {
    error: "The first day comes after the last: swap them.",
    path: ["to"],
  });
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** Reads the filters from a URL's query (empty fields count as absent). */
export function auditFilterFromSearchParams(params: URLSearchParams) {
  const raw = Object.fromEntries(
    ["action", "email", "project", "from", "to"]
      .map((key) => [key, params.get(key)?.trim() ?? ""] as const)
      .filter(([, value]) => value !== ""),
  );
  return auditFilterSchema.safeParse(raw);
}
