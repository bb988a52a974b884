import { afterAll, inject } from "vitest";
import { createCaller } from "../api/root";
import { createPrismaClient, type PrismaClient } from "../db/client";
import type { SessionUser } from "../auth/session";
import type { UserLimits } from "../security/rate-limit";
import type { ProvisioningConfig } from "../services/provisioning/provision-project";
import { TEST_USERS } from "./test-users";

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

/**
 * A caller with its own provisioning settings (a temporary projects folder, a random key), signed in
 * as `user` (a member by default; null for an anonymous caller).
 */
export function testCaller(
  provisioningConfig?: ProvisioningConfig,
  user: SessionUser | null = TEST_USERS.member,
  headers: Headers = new Headers(),
  /** Per-user limits; none by default, since the suite's few users create many projects. */
  userLimits: UserLimits | null = null,
  /** The request's session id, for the /account procedures that keep the current session. */
  sessionId: string | null = null,
) {
  return createCaller({
    db: testDb(),
    user,
    headers,
    userLimits,
    currentSessionId: () => Promise.resolve(sessionId),
    provisioningConfig: () => {
      if (!provisioningConfig) throw new Error("this test caller was made without a provisioning config");
      return provisioningConfig;
    },
  });
}

export { uniqueName } from "./unique-name";
export { TEST_PASSWORD, TEST_USERS, testAudit } from "./test-users";
