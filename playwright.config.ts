import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { ADMIN_ENV, STORAGE_STATE } from "./e2e/accounts";

/**
 * End-to-end tests drive the production build in Chromium. Where Playwright's own browser cannot be
 * downloaded (CI here), Debian's chromium is used: set PLAYWRIGHT_CHROMIUM_PATH to choose another.
 */
const systemChromium = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";
const executablePath = existsSync(systemChromium) ? systemChromium : undefined;

const port = Number(process.env.E2E_PORT ?? 3210);
export const E2E_PROJECTS_DIR = "test-results/e2e-projects";
export const E2E_DATA_DIR = "test-results/e2e-data";
export const E2E_SERVER_LOG = "test-results/e2e-server.log";

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/playwright",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI
    ? [["list"]]
    : [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    permissions: ["clipboard-read", "clipboard-write"],
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // Signs in once per role; every other spec starts signed in (e2e/accounts.ts).
    { name: "sign-in", testMatch: /auth\.setup\.ts$/, use: { ...devices["Desktop Chrome"] } },
    {
      name: "chromium",
      dependencies: ["sign-in"],
      use: { ...devices["Desktop Chrome"], storageState: STORAGE_STATE.member },
    },
  ],
  webServer: {
    // A fresh embedded database and projects folder for every run.
    // Its output is also kept in a file, which e2e/secrets.spec.ts searches for leaked passwords.
    command: `rm -rf ${E2E_DATA_DIR} ${E2E_PROJECTS_DIR} && mkdir -p ${E2E_PROJECTS_DIR} && node --import tsx --conditions=react-server server/cli/start.ts 2>&1 | tee ${E2E_SERVER_LOG}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      LAUNCHPAD_DATA_DIR: E2E_DATA_DIR,
      PROJECTS_DIR: E2E_PROJECTS_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      ...ADMIN_ENV,
      // The suite signs in often from one address; the limit itself is tested in server/auth.
      LAUNCHPAD_SIGN_IN_MAX_ATTEMPTS: "100",
      // Invites are accepted from one address too; the link limit is tested in server/security.
      LAUNCHPAD_LINK_MAX_ATTEMPTS: "100",
      // One member makes many projects; the per-user limits are tested in server/security.
      LAUNCHPAD_USER_MAX_PROJECTS: "1000",
      LAUNCHPAD_USER_MAX_RUNS: "1000",
      // Remotes on loopback only: the matrix and the git page set one; nothing listens there.
      LAUNCHPAD_GIT_REMOTE_HOSTS: "127.0.0.1:9",
    },
  },
});
