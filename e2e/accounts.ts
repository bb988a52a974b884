/**
 * The accounts of the end-to-end suite. The server under test creates the admin at start from
 * LAUNCHPAD_ADMIN_EMAIL/PASSWORD (playwright.config.ts); e2e/auth.setup.ts signs in as the admin,
 * invites the others through the app, and keeps each browser state in STORAGE_STATE[role]. The
 * journeys run as `member`; `otherMember` is "a member who does not own the project".
 */
export const E2E_ADMIN = { email: "admin@e2e.invalid", password: "e2e-admin-password" };

export const E2E_INVITED = {
  member: {
    email: "member@e2e.invalid",
    password: "e2e-member-password",
    name: "Mia Member",
    role: "member",
  },
  otherMember: {
    email: "other@e2e.invalid",
    password: "e2e-other-password",
    name: "Oto Other",
    role: "member",
  },
  viewer: {
    email: "viewer@e2e.invalid",
    password: "e2e-viewer-password",
    name: "Vic Viewer",
    role: "viewer",
  },
} as const;

export const STORAGE_STATE = {
  admin: "test-results/.auth/admin.json",
  member: "test-results/.auth/member.json",
  otherMember: "test-results/.auth/other-member.json",
  viewer: "test-results/.auth/viewer.json",
} as const;

/** The environment that makes a launcher create E2E_ADMIN at its first start. */
export const ADMIN_ENV = {
  LAUNCHPAD_ADMIN_EMAIL: E2E_ADMIN.email,
  LAUNCHPAD_ADMIN_PASSWORD: E2E_ADMIN.password,
};
