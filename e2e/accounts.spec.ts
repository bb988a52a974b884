import { rm } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "./accounts";
import { mainAlert, uniqueSuffix } from "./helpers";
import { Launcher } from "./launcher";

/**
 * Accounts as a person meets them (issue 13, step 1): every page and the API turn anonymous visitors
 * away, signing in and out, the session cookie's attributes, and the very first start on /setup.
 */
const trpcInput = (input: unknown) => encodeURIComponent(JSON.stringify({ json: input }));

test.describe("anonymous", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("every page leads to the sign-in page and the API answers 401", async ({ page, request }) => {
    for (const pathname of [
      "/",
      "/projects/new",
      "/projects/some-project",
      "/projects/some-project/interview",
    ]) {
      await page.goto(pathname);
      await expect(page, pathname).toHaveURL(/\/sign-in$/);
    }
    for (const procedure of ["project.list", "catalogue.get"]) {
      const response = await request.get(`/api/trpc/${procedure}?input=${trpcInput({})}`);
      expect(response.status(), procedure).toBe(401);
    }
    const create = await request.post("/api/trpc/project.create", {
      data: { json: { name: `Anonymous ${uniqueSuffix()}` } },
    });
    expect(create.status()).toBe(401);
  });

  test("a wrong password is refused with a clear message", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(E2E_ADMIN.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(mainAlert(page)).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("signing in sets an HttpOnly, SameSite=Lax cookie; signing out from the header ends the session", async ({
    page,
    request,
  }) => {
    const signIn = await request.post("/api/auth/sign-in/email", { data: E2E_ADMIN });
    expect(signIn.status()).toBe(200);
    const setCookie = signIn.headers()["set-cookie"] ?? "";
    expect(setCookie).toMatch(/better-auth\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    // LAUNCHPAD_URL is http here: a Secure cookie would never be sent back.
    expect(setCookie).not.toMatch(/;\s*Secure/i);

    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(E2E_ADMIN.email);
    await page.getByLabel("Password").fill(E2E_ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
    const session = (await page.context().cookies()).find((c) => c.name === "better-auth.session_token");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    const cookie = `${session?.name}=${session?.value}`;

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
    // The session ended on the server, not only in this browser.
    const replayed = await request.get(`/api/trpc/project.list?input=${trpcInput({})}`, {
      headers: { cookie },
    });
    expect(replayed.status()).toBe(401);
  });
});

test("first start without admin variables: /setup with the token from the log creates the admin, then closes", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const dataDir = "test-results/e2e-setup-data";
  await rm(dataDir, { recursive: true, force: true });
  // Empty values count as unset: this launcher starts with no admin.
  const launcher = new Launcher(Number(process.env.E2E_PORT ?? 3210) + 7, {
    LAUNCHPAD_DATA_DIR: dataDir,
    PROJECTS_DIR: "test-results/e2e-projects",
    LAUNCHPAD_ADMIN_EMAIL: "",
    LAUNCHPAD_ADMIN_PASSWORD: "",
  });
  await launcher.start();
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const token = /one-time setup token: (\S+)/.exec(launcher.output)?.[1];
    expect(token, "the launcher prints the setup token").toBeTruthy();
    const page = await context.newPage();
    await page.goto(`${launcher.baseURL}/projects/new`);
    await expect(page).toHaveURL(/\/setup$/);

    const account = { email: `founder-${uniqueSuffix()}@example.com`, password: "founder-password-1" };
    await page.getByLabel("Setup token").fill("not-the-token");
    await page.getByLabel("Your name").fill("Founder");
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Create the admin account" }).click();
    await expect(mainAlert(page)).toContainText("not the setup token");

    await page.getByLabel("Setup token").fill(token!);
    await page.getByRole("button", { name: "Create the admin account" }).click();
    await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();
    await expect(page.getByRole("banner")).toContainText("Founder (admin)");

    // Setup is over: the page sends everyone to sign in, and the API refuses even the right token.
    const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const other = await anonymous.newPage();
    await other.goto(`${launcher.baseURL}/setup`);
    await expect(other).toHaveURL(/\/sign-in$/);
    const again = await anonymous.request.post(`${launcher.baseURL}/api/trpc/account.setup`, {
      data: { json: { token, name: "Second", email: "second@example.com", password: "second-password-1" } },
    });
    expect(again.status()).toBe(403);
    await anonymous.close();
    expect(launcher.output).not.toContain(account.password);
  } finally {
    await context.close();
    await launcher.stop();
  }
});
