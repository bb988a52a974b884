import { afterAll, inject } from "vitest";
import { createCaller } from "../api/root";
import { createPrismaClient, type PrismaClient } from "../db/client";

/**
 * The test run's database (see global-setup.ts) and a tRPC caller bound to it. One client per test
 * file, closed when the file is done.
 */
let prisma: PrismaClient | undefined;
afterAll(async () => {
  await prisma?.$disconnect();
});

export function testDb(): PrismaClient {
  prisma ??= createPrismaClient(inject("databaseUrl"), 4);
  return prisma;
}

export function testCaller() {
  return createCaller({ db: testDb() });
}

export { uniqueName } from "./unique-name";
