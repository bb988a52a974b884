import { afterAll, inject } from "vitest";
import { createCaller } from "../api/root";
import { createPrismaClient, type PrismaClient } from "../db/client";
import type { ProvisioningConfig } from "../services/provisioning/provision-project";

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

/** A caller with its own provisioning settings (a temporary projects folder, a random key). */
export function testCaller(provisioningConfig?: ProvisioningConfig) {
  return createCaller({
    db: testDb(),
    provisioningConfig: () => {
      if (!provisioningConfig) throw new Error("this test caller was made without a provisioning config");
      return provisioningConfig;
    },
  });
}

export { uniqueName } from "./unique-name";
