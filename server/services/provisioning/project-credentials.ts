import "server-only";
import type { PrismaClient } from "../../db/client";
import { decryptSecret, encryptSecret, type SecretKey } from "../../security/secret-box";
import { databaseIdentifiers, generatePassword } from "./credentials";
import type { DatabaseCredentials } from "../../../provisioning/plan/project-plan";

/**
 * The project's database credentials: the stored ones when it has them (re-provisioning keeps them,
 * so a running database keeps working), otherwise new ones. The password is stored encrypted.
 */
export async function ensureDatabaseCredentials(options: {
  db: PrismaClient;
  projectId: string;
  slug: string;
  key: SecretKey;
}): Promise<DatabaseCredentials> {
  // One statement either way (INSERT ... ON CONFLICT): new credentials are only kept when none exist.
  const fresh = { ...databaseIdentifiers(options.slug), password: generatePassword() };
  const stored = await options.db.projectCredentials.upsert({
    where: { projectId: options.projectId },
    create: {
      projectId: options.projectId,
      databaseName: fresh.databaseName,
      databaseUser: fresh.databaseUser,
      passwordEncrypted: encryptSecret(fresh.password, options.key),
    },
    update: {},
    select: { databaseName: true, databaseUser: true, passwordEncrypted: true },
  });
  return {
    databaseName: stored.databaseName,
    databaseUser: stored.databaseUser,
    password: decryptSecret(stored.passwordEncrypted, options.key),
  };
}

/** Forgets the credentials of a project whose stack no longer has a database server. */
export async function dropDatabaseCredentials(db: PrismaClient, projectId: string): Promise<void> {
  await db.projectCredentials.deleteMany({ where: { projectId } });
}
