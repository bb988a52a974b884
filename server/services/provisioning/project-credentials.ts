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
  const stored = await options.db.projectCredentials.findUnique({ where: { projectId: options.projectId } });
  if (stored) {
    return {
      databaseName: stored.databaseName,
      databaseUser: stored.databaseUser,
      password: decryptSecret(stored.passwordEncrypted, options.key),
    };
  }
  const credentials = { ...databaseIdentifiers(options.slug), password: generatePassword() };
  await options.db.projectCredentials.create({
    data: {
      projectId: options.projectId,
      databaseName: credentials.databaseName,
      databaseUser: credentials.databaseUser,
      passwordEncrypted: encryptSecret(credentials.password, options.key),
    },
  });
  return credentials;
}

/** Forgets the credentials of a project whose stack no longer has a database server. */
export async function dropDatabaseCredentials(db: PrismaClient, projectId: string): Promise<void> {
  await db.projectCredentials.deleteMany({ where: { projectId } });
}
