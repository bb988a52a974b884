import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { isSetupToken, revokeSetupTokens } from "./setup-token";
import type { SetupInput } from "../../shared/account";
import { createFirstAdmin, hasAnyUser } from "./create-user";
import { writeAuditEntry, type AuditOrigin } from "../audit/record-audit";

/**
 * /setup: with the one-time token from the server log, creates the first account as admin. Refused
 * once any account exists, and with any other token. The account, the spent token and the entry are
 * one transaction.
 */
export async function completeSetup(options: { db: PrismaClient; input: SetupInput; audit: AuditOrigin }) {
  if (await hasAnyUser(options.db)) {
    throw new AppError("SETUP_CLOSED", "Launchpad is already set up: sign in instead.");
  }
  if (!(await isSetupToken(options.db, options.input.token))) {
    throw new AppError(
      "FORBIDDEN",
      "That is not the setup token from the server log. Copy it again (each start prints a new one).",
    );
  }
  const { token: _token, ...account } = options.input;
  const admin = await createFirstAdmin({
    db: options.db,
    account,
    alsoInTransaction: async (tx, created) => {
      await revokeSetupTokens(tx);
      await writeAuditEntry(tx, {
        action: "account.setup_completed",
        actor: { id: created.id, email: created.email },
        headers: options.audit.headers,
      });
    },
  });
  return { userId: admin.id, email: admin.email };
}
