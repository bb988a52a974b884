import "server-only";
import type { PrismaClient } from "../db/client";
import { decryptSecret, encryptSecret, type SecretKey } from "./secret-box";

/**
 * Proves at start that the secret key is the one the stored secrets were written with. A wrong key
 * used to be noticed only when a password was read, and new passwords were meanwhile written under
 * it; now the launcher stops first, with a message, before it writes anything.
 */
const CANARY_PLAINTEXT = "launchpad-secret-key-canary-v1";

export class WrongSecretKeyError extends Error {}

const WRONG_KEY_MESSAGE =
  "The secret key does not match the one Launchpad's stored passwords were written with. " +
  "Restore the original key (LAUNCHPAD_SECRET_KEY, or secret.key in the data folder: see " +
  '"Back up the secret key" in the README). Launchpad has not changed anything.';

/**
 * Checks the canary row with `readKey()` (the configured key, or null when there is none yet) and
 * writes it with `createKey()` on a database that has none. On a database from before the canary,
 * a stored password is tried first, so a wrong key is not blessed.
 */
export async function verifySecretKey(options: {
  db: PrismaClient;
  readKey: () => SecretKey | null;
  createKey: () => SecretKey;
}): Promise<"verified" | "created"> {
  const { db } = options;
  const canary = await db.secretKeyCanary.findUnique({ where: { id: 1 } });
  const sample = canary
    ? canary.encrypted
    : (await db.projectCredentials.findFirst({ select: { passwordEncrypted: true } }))?.passwordEncrypted;
  if (sample) {
    const key = options.readKey();
    if (!key) {
      throw new WrongSecretKeyError(
        "Launchpad's stored passwords were written with a secret key that is missing now " +
          "(LAUNCHPAD_SECRET_KEY is unset and there is no secret.key in the data folder). " +
          'Restore it: see "Back up the secret key" in the README. Launchpad has not changed anything.',
      );
    }
    try {
      decryptSecret(sample, key);
    } catch {
      throw new WrongSecretKeyError(WRONG_KEY_MESSAGE);
    }
    if (canary) return "verified";
  }
  const key = options.readKey() ?? options.createKey();
  // Two launchers on one database: the first row wins, and the other checks against it.
  await db.secretKeyCanary.createMany({
    data: [{ id: 1, encrypted: encryptSecret(CANARY_PLAINTEXT, key) }],
    skipDuplicates: true,
  });
  const stored = await db.secretKeyCanary.findUniqueOrThrow({ where: { id: 1 } });
  try {
    decryptSecret(stored.encrypted, key);
  } catch {
    throw new WrongSecretKeyError(WRONG_KEY_MESSAGE);
  }
  return "created";
}
