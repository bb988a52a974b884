import "server-only";
import type { PrismaClient } from "../../db/client";
import { isAppError } from "../../errors/app-error";
import { issueSetupToken } from "./setup-token";
import { createFirstAdmin, hasAnyUser } from "./create-user";

export type FirstStart =
  | { kind: "has-accounts" }
  | { kind: "admin-created"; email: string }
  | { kind: "setup-token"; token: string };

/**
 * What the launcher does about accounts at start: nothing once any account exists; otherwise the
 * first admin from LAUNCHPAD_ADMIN_EMAIL/PASSWORD when they are set, or else a one-time token for
 * /setup (which the launcher prints).
 */
export async function prepareFirstAccount(options: {
  db: PrismaClient;
  admin?: { email: string; password: string };
}): Promise<FirstStart> {
  if (await hasAnyUser(options.db)) return { kind: "has-accounts" };
  if (options.admin) {
    try {
      const admin = await createFirstAdmin({
        db: options.db,
        account: {
          email: options.admin.email.toLowerCase(),
          name: "Admin",
          password: options.admin.password,
        },
      });
      return { kind: "admin-created", email: admin.email };
    } catch (error) {
      // Another process created the first account meanwhile: that one stands.
      if (isAppError(error, "SETUP_CLOSED")) return { kind: "has-accounts" };
      throw error;
    }
  }
  return { kind: "setup-token", token: await issueSetupToken(options.db) };
}
