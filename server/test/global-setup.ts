import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedDatabase } from "../db/embedded";
import { createPrismaClient } from "../db/client";
import { prepareDatabase } from "../db/prepare";
import { createUser } from "../services/accounts/create-user";
import { TEST_PASSWORD, TEST_USERS } from "./test-users";
import { createTestPortCursor } from "./port-ranges";

/**
 * Gives the test run a fresh, migrated and seeded database: a new database on the PostgreSQL server
 * named by TEST_DATABASE_URL when it is set, the embedded PostgreSQL (in memory) otherwise.
 */
declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: "postgresql" | "embedded";
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL?.trim();
  const database = serverUrl ? await createScratchDatabase(serverUrl) : await startEmbeddedDatabase();
  const kind = serverUrl ? "postgresql" : "embedded";
  console.log(`Integration tests run against the ${kind} database.`);

  await prepareDatabase(database.url);
  await createTestPortCursor(database.url);
  await createTestUsers(database.url);

  project.provide("databaseUrl", database.url);
  project.provide("databaseKind", kind);
  return () => database.stop();
}

/** The accounts of TEST_USERS, with their fixed ids. */
async function createTestUsers(url: string) {
  const prisma = createPrismaClient(url, 1);
  try {
    for (const user of Object.values(TEST_USERS)) {
      await createUser({ db: prisma, account: { ...user, password: TEST_PASSWORD } });
    }
  } finally {
    await prisma.$disconnect();
  }
}

/** Creates `launchpad_test_<random>` on the server and drops it again when the run ends. */
export async function createScratchDatabase(
  serverUrl: string,
): Promise<{ url: string; stop(): Promise<void> }> {
  const name = `launchpad_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async stop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
