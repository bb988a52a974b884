/**
 * The accounts of the end-to-end suite. The server under test creates the admin at start from
 * LAUNCHPAD_ADMIN_EMAIL/PASSWORD (playwright.config.ts); e2e/auth.setup.ts signs in once per role
 * and keeps each browser state in STORAGE_STATE[role].
 */
export const E2E_ADMIN = { email: "admin@e2e.invalid", password: "e2e-admin-password" };

export const STORAGE_STATE = {
  admin: "test-results/.auth/admin.json",
} as const;

/** The environment that makes a launcher create E2E_ADMIN at its first start. */
export const ADMIN_ENV = {
  LAUNCHPAD_ADMIN_EMAIL: E2E_ADMIN.email,
  LAUNCHPAD_ADMIN_PASSWORD: E2E_ADMIN.password,
};
