import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { isSetupToken, revokeSetupTokens } from "./setup-token";
import type { SetupInput } from "../../shared/account";
import { createFirstAdmin, hasAnyUser } from "./create-user";

/**
 * /setup: with the one-time token from the server log, creates the first account as admin. Refused
 * once any account exists, and with any other token; the token is spent on success.
 */
export async function completeSetup(options: { db: PrismaClient; input: SetupInput }) {
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
  const admin = await createFirstAdmin({ db: options.db, account });
  await revokeSetupTokens(options.db);
  return { userId: admin.id, email: admin.email };
}
