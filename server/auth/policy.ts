import "server-only";
import { AppError } from "../errors/app-error";
import type { SessionUser } from "./session";

/**
 * Who may do what: the one place where Launchpad's roles are turned into decisions. Every HTTP entry
 * point asks here (tRPC procedures, route handlers, pages rendered on the server), so a rule changes
 * in one line and the authorization matrix (e2e/authorization.spec.ts) checks it end to end.
 *
 * - viewer: sees projects, stacks and run history.
 * - member: also creates projects and works on the ones they own.
 * - the owner and admins: reveal credentials, re-provision, change the stack, see run logs, download
 *   the project's folder, set its git remote and push, hand the project to another member, archive,
 *   restore and purge it.
 * - admin: everything, including account administration.
 * - everyone signed in: their own password and sessions (the services scope those to the user).
 */
export type Action =
  /** See a project, its stack and its run history (not the logs). */
  | "project.view"
  | "project.create"
  /** Answer the interview, save and change the stack. */
  | "project.edit"
  | "project.reprovision"
  | "project.revealCredentials"
  | "project.viewRunLogs"
  | "project.viewAudit"
  | "project.transferOwnership"
  /** Download the project's folder as a zip; with its .env, project.revealCredentials as well. */
  | "project.download"
  /** See, set and remove the project's git remote, and push to it. */
  | "project.manageGit"
  /** Archive the project, restore it from the archive, and purge it for good (issue 29). */
  | "project.archive"
  /** Invites, roles, password resets, deactivation, the whole audit log. */
  | "accounts.manage"
  /** Change one's own password, see and end one's own sessions. */
  | "account.manageOwn";

/** The actions decided against one project: the project procedures' builder takes these. */
export type ProjectAction = Extract<
  Action,
  | "project.edit"
  | "project.reprovision"
  | "project.revealCredentials"
  | "project.viewRunLogs"
  | "project.viewAudit"
  | "project.transferOwnership"
  | "project.download"
  | "project.manageGit"
  | "project.archive"
>;

/** The actions decided by the user's role alone. */
export type UserAction = Exclude<Action, ProjectAction>;

/** What a decision needs to know about a project. */
export type ProjectAccess = { ownerId: string | null };

const OWNER_OR_ADMIN: ReadonlySet<Action> = new Set([
  "project.edit",
  "project.reprovision",
  "project.revealCredentials",
  "project.viewRunLogs",
  "project.viewAudit",
  "project.transferOwnership",
  "project.download",
  "project.manageGit",
  "project.archive",
]);

/** True when `user` may do `action` (on `project`, for project actions). */
export function can(user: SessionUser | null, action: Action, project?: ProjectAccess): boolean {
  if (!user) return false;
  if (user.role === "admin") return true;
  if (action === "account.manageOwn") return true;
  if (action === "project.view") return true;
  if (action === "project.create") return user.role === "member";
  if (OWNER_OR_ADMIN.has(action)) {
    // A viewer who was once an owner keeps no rights: roles count first.
    return user.role === "member" && project !== undefined && project.ownerId === user.id;
  }
  return false;
}

/** Throws FORBIDDEN (or UNAUTHENTICATED without a user) unless `user` may do `action`. */
export function authorize(user: SessionUser | null, action: Action, project?: ProjectAccess): void {
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to use Launchpad.");
  if (!can(user, action, project)) throw new AppError("FORBIDDEN", FORBIDDEN_MESSAGES[action]);
}

const FORBIDDEN_MESSAGES: Record<Action, string> = {
  "project.view": "You cannot see this project.",
  "project.create": "Viewers cannot create projects. Ask an admin for the member role.",
  "project.edit": "Only the project's owner or an admin can change this project.",
  "project.reprovision": "Only the project's owner or an admin can re-provision this project.",
  "project.revealCredentials": "Only the project's owner or an admin can see its database password.",
  "project.viewRunLogs": "Only the project's owner or an admin can read its run logs.",
  "project.viewAudit": "Only the project's owner or an admin can read its audit entries.",
  "project.transferOwnership": "Only the project's owner or an admin can hand it to another owner.",
  "project.download": "Only the project's owner or an admin can download its folder.",
  "project.manageGit": "Only the project's owner or an admin can manage its git remote.",
  "project.archive": "Only the project's owner or an admin can archive, restore or purge it.",
  "accounts.manage": "Only an admin can manage accounts.",
  "account.manageOwn": "Sign in to manage your account.",
};
