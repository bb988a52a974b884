import type { SessionUser } from "../auth/session";

/**
 * The accounts every integration test run has (created by global-setup.ts): one per role, and a
 * second member who owns nothing, for "member but not the owner".
 */
export const TEST_USERS = {
  admin: {
    id: "00000000-0000-4000-8000-00000000a001",
    email: "admin@test.invalid",
    name: "Test Admin",
    role: "admin",
  },
  member: {
    id: "00000000-0000-4000-8000-00000000a002",
    email: "member@test.invalid",
    name: "Test Member",
    role: "member",
  },
  otherMember: {
    id: "00000000-0000-4000-8000-00000000a003",
    email: "other@test.invalid",
    name: "Other Member",
    role: "member",
  },
  viewer: {
    id: "00000000-0000-4000-8000-00000000a004",
    email: "viewer@test.invalid",
    name: "Test Viewer",
    role: "viewer",
  },
} as const satisfies Record<string, SessionUser>;

/** The password of every test account. */
export const TEST_PASSWORD = "test-password-123";

/** The audit request of an in-process test call made by `user` (an admin by default), from no address. */
export function testAudit(user: { id: string; email: string } = TEST_USERS.admin) {
  return { actor: { id: user.id, email: user.email }, headers: null };
}
