import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { STORAGE_STATE } from "./accounts";
import { mainAlert, signInThroughPage, uniqueSuffix } from "./helpers";

/**
 * Account self-service as people meet it (issue 13): an admin's password reset link, changing one's
 * own password, and seeing and ending one's own sessions. Every journey uses a member of its own,
 * invited for it, so the suite's stored sessions (e2e/accounts.ts) are never ended.
 */
const BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`;
const NO_STATE = { storageState: { cookies: [], origins: [] } };

type Member = { email: string; password: string; name: string };

/** A new member, invited by the suite's admin through the API and accepted anonymously. */
async function newMember(browser: Browser): Promise<Member> {
  const admin = await browser.newContext({ storageState: STORAGE_STATE.admin });
  try {
    const invite = await admin.request.post("/api/trpc/admin.createInvite", {
      data: { json: { role: "member" } },
    });
    expect(invite.status()).toBe(200);
    const url = ((await invite.json()) as { result: { data: { json: { url: string } } } }).result.data.json
      .url;
    const suffix = uniqueSuffix();
    const member = {
      email: `self-${suffix}@e2e.invalid`,
      password: `self-password-${suffix}`,
      name: `Selma ${suffix}`,
    };
    const anonymous = await browser.newContext(NO_STATE);
    const accepted = await anonymous.request.post("/api/trpc/account.acceptInvite", {
      data: { json: { token: url.split("/invite/")[1], ...member } },
    });
    expect(accepted.status()).toBe(200);
    await anonymous.close();
    return member;
  } finally {
    await admin.close();
  }
}

/** A browser of its own, signed in as `member` through the sign-in page. */
async function browserSignedInAs(browser: Browser, member: Member, userAgent?: string) {
  const context = await browser.newContext({ ...NO_STATE, userAgent });
  const page = await context.newPage();
  await signInThroughPage(page, BASE_URL, member);
  return { context, page };
}

/** The status of a sign-in from a browser of its own (no session is kept). */
async function signInStatus(browser: Browser, email: string, password: string): Promise<number> {
  const context = await browser.newContext(NO_STATE);
  try {
    return (await context.request.post("/api/auth/sign-in/email", { data: { email, password } })).status();
  } finally {
    await context.close();
  }
}

/** Content Security Policy violations the page reports from now on (the new pages run under the nonce). */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

async function expectSignedOut(page: Page) {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
}

const openContexts: BrowserContext[] = [];
test.afterEach(async () => {
  for (const context of openContexts.splice(0)) await context.close();
});

test("an admin's reset link sets a new password once and signs the member out everywhere", async ({
  browser,
}) => {
  const member = await newMember(browser);
  const signedIn = await browserSignedInAs(browser, member);
  const admin = await browser.newContext({ storageState: STORAGE_STATE.admin });
  const visitor = await browser.newContext(NO_STATE);
  openContexts.push(signedIn.context, admin, visitor);

  const adminPage = await admin.newPage();
  await adminPage.goto("/admin/users");
  await adminPage.getByRole("button", { name: `Reset password of ${member.email}` }).click();
  await expect(
    adminPage.getByRole("heading", { name: `Password reset link for ${member.email}` }),
  ).toBeVisible();
  const link = (await adminPage.getByLabel("Password reset link", { exact: true }).textContent()) ?? "";
  expect(link).toMatch(/\/reset-password\/[A-Za-z0-9_-]{32}$/);

  const page = await visitor.newPage();
  const violations = cspViolations(page);
  // The link names LAUNCHPAD_URL's host; the suite talks to 127.0.0.1.
  const opened = await page.goto(new URL(link).pathname);
  // The token is in the path: no link on the page may pass it on in a Referer.
  expect(opened?.headers()["referrer-policy"]).toBe("no-referrer");
  await expect(page.getByText("10 to 128 characters.")).toBeVisible();
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(mainAlert(page)).toHaveText("The password needs at least 10 characters.");

  const newPassword = `reset-password-${uniqueSuffix()}`;
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your new password is set");

  // The link works once: opened again, it says so, with no form to fill in.
  await page.reload();
  await expect(mainAlert(page)).toHaveText("This link cannot be used. Ask an admin for a new one.");
  await expect(page.getByLabel("New password")).toHaveCount(0);

  // The member's open session ended; the old password fails, the new one works.
  await expectSignedOut(signedIn.page);
  expect(await signInStatus(browser, member.email, member.password)).toBe(401);
  await signInThroughPage(signedIn.page, BASE_URL, { email: member.email, password: newPassword });
  await expect(signedIn.page.getByRole("banner")).toContainText(`${member.name} (member)`);

  expect(violations).toEqual([]);

  // An unknown link says so as it opens.
  await page.goto("/reset-password/no-such-token-at-all");
  await expect(mainAlert(page)).toHaveText("This link cannot be used. Ask an admin for a new one.");
  await expect(page.getByLabel("New password")).toHaveCount(0);
});

test("a member changes their own password: a wrong current one changes nothing, then other sessions end", async ({
  browser,
}) => {
  const member = await newMember(browser);
  const here = await browserSignedInAs(browser, member);
  const elsewhere = await browserSignedInAs(browser, member);
  openContexts.push(here.context, elsewhere.context);
  const { page } = here;

  await page.getByRole("link", { name: "My account" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  const newPassword = `changed-password-${uniqueSuffix()}`;
  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Change the password" }).click();
  await expect(mainAlert(page)).toHaveText("The current password is wrong. Nothing was changed.");
  await elsewhere.page.goto("/");
  await expect(elsewhere.page.getByRole("heading", { name: "Projects" })).toBeVisible();
  expect(await signInStatus(browser, member.email, newPassword)).toBe(401);

  await page.getByLabel("Current password").fill(member.password);
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Change the password" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toContainText(
    "Your password was changed. 1 other session was ended.",
  );

  // This browser stays signed in; the other one is out; only the new password works.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expectSignedOut(elsewhere.page);
  expect(await signInStatus(browser, member.email, member.password)).toBe(401);
  expect(await signInStatus(browser, member.email, newPassword)).toBe(200);
});

const USER_AGENTS = {
  laptop: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
  phone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  tablet:
    "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
};

test("a member sees their sessions and ends one, or all others; those browsers are signed out", async ({
  browser,
}) => {
  const member = await newMember(browser);
  const here = await browserSignedInAs(browser, member, USER_AGENTS.laptop);
  const phone = await browserSignedInAs(browser, member, USER_AGENTS.phone);
  const tablet = await browserSignedInAs(browser, member, USER_AGENTS.tablet);
  openContexts.push(here.context, phone.context, tablet.context);
  const { page } = here;

  const violations = cspViolations(page);
  await page.goto("/account");
  const sessions = page.getByRole("table", { name: "Your sessions" });
  await expect(sessions.getByRole("row")).toHaveCount(4); // the header and three sessions
  // Each row names the browser and system, not the raw user-agent string.
  const thisRow = sessions.getByRole("row", { name: /Firefox 133 on Windows 10/ });
  await expect(thisRow).toContainText("This device");
  await expect(thisRow).toContainText("127.0.0.1");
  await expect(thisRow).toContainText("now");
  await expect(thisRow.getByRole("button")).toHaveCount(0);
  const phoneRow = sessions.getByRole("row", { name: /Safari 17 on iOS 17\.5/ });
  await expect(phoneRow).toContainText(/just now|minute ago|minutes ago/);

  // Each button says which session it ends.
  await phoneRow
    .getByRole("button", { name: /^End the session of Safari 17 on iOS 17\.5, signed in / })
    .click();
  await expect(phoneRow).toHaveCount(0);
  await expectSignedOut(phone.page);
  await tablet.page.goto("/");
  await expect(tablet.page.getByRole("heading", { name: "Projects" })).toBeVisible();

  // Asked twice: "Keep them" changes nothing, "Yes, end them" ends them.
  await page.getByRole("button", { name: "End all other sessions" }).click();
  await page.getByRole("button", { name: "Keep them" }).click();
  await expect(sessions.getByRole("row")).toHaveCount(3);
  await page.getByRole("button", { name: "End all other sessions" }).click();
  await page.getByRole("button", { name: "Yes, end them" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toContainText(
    "1 other session was ended.",
  );
  await expect(sessions.getByRole("row")).toHaveCount(2);
  await expectSignedOut(tablet.page);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  expect(violations).toEqual([]);
});
