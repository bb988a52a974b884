import { execFileSync } from "node:child_process";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { STORAGE_STATE } from "./accounts";
import { answerInterview, createProject, PROJECTS_DIR, uniqueSuffix } from "./helpers";

/**
 * axe-core on every route, for every role that may open it, at 390 and 1280 px, and in the states
 * that matter: the wizard's review step, the credentials dialog, a failed run, a fresh invite link,
 * and the invite and reset pages with a valid link. Serious and critical findings fail the test,
 * each listed with its rule and elements. @axe-core/playwright is pinned (decision 026).
 */
const WIDTHS = [390, 1280] as const;
const NO_STATE = { storageState: { cookies: [], origins: [] } };
type Role = keyof typeof STORAGE_STATE | "anonymous";

let provisioned = "";
let failed = "";
let archived = "";

/**
 * Routes by role; ":own" is a project the member owns, ":failed" one whose newest run failed,
 * ":archived" one the member archived (issue 29).
 */
const ROUTES: Record<Role, string[]> = {
  anonymous: ["/sign-in", "/invite/not-a-real-link", "/reset-password/not-a-real-link"],
  viewer: ["/", "/account", "/projects/:own", "/projects/:failed", "/projects/:archived"],
  otherMember: ["/", "/projects/new", "/account", "/projects/:own"],
  member: [
    "/",
    "/projects/new",
    "/account",
    "/projects/:own",
    "/projects/:own/interview",
    "/projects/:failed",
    "/projects/:archived",
    "/?status=archived",
  ],
  admin: [
    "/",
    "/projects/new",
    "/account",
    "/admin/users",
    "/admin/audit",
    "/projects/:own",
    "/projects/:failed",
  ],
};

/** Serious and critical axe findings on the page as it is now: "where: rule (elements)". */
async function seriousFindings(page: Page, where: string): Promise<string[]> {
  const { violations, passes } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice", "experimental"])
    .analyze();
  // An empty page or a failed injection passes nothing: that is no proof of accessibility.
  expect(passes.length, `axe checked nothing on ${where}`).toBeGreaterThan(10);
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${where}: ${violation.id} (${violation.impact}) on ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(" "))
          .join(", ")}`,
    );
}

async function contextFor(browser: Browser, role: Role, width: number) {
  const context = await browser.newContext({
    ...(role === "anonymous" ? NO_STATE : { storageState: STORAGE_STATE[role] }),
    viewport: { width, height: 900 },
  });
  return { context, page: await context.newPage() };
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page } = await contextFor(browser, "member", 1280);
  const stack = { backend: /^Express/, database: /^SQLite/, frontend: /^React/, css: /^None/ };
  for (const label of ["Axe ok", "Axe failed", "Axe archived"]) {
    const name = `${label} ${uniqueSuffix()}`;
    const slug = await createProject(page, name, "Checked by axe.");
    await answerInterview(page, stack);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("dialog", { name: "Your project is ready" })).toBeVisible();
    if (label === "Axe ok") provisioned = slug;
    else if (label === "Axe failed") failed = slug;
    else {
      archived = slug;
      const response = await page.request.post("/api/trpc/project.archive", {
        data: { json: { slug, confirmName: name } },
      });
      expect(response.status(), await response.text()).toBe(200);
    }
  }
  // A real failure: the folder cannot be changed, so moving the new files in fails.
  const folder = path.join(PROJECTS_DIR, failed);
  execFileSync("chattr", ["-R", "+i", folder]);
  try {
    const response = await page.request.post("/api/trpc/provisioning.reprovision", {
      data: { json: { slug: failed } },
    });
    expect(response.status()).toBe(200);
    expect(JSON.stringify(await response.json())).toContain('"success":false');
  } finally {
    execFileSync("chattr", ["-R", "-i", folder]);
  }
  await context.close();
});

for (const [role, routes] of Object.entries(ROUTES) as [Role, string[]][]) {
  for (const width of WIDTHS) {
    test(`as ${role} at ${width} px, every page has no serious or critical axe finding`, async ({
      browser,
    }) => {
      const { context, page } = await contextFor(browser, role, width);
      const findings: string[] = [];
      for (const route of routes) {
        const url = route
          .replace(":own", provisioned)
          .replace(":failed", failed)
          .replace(":archived", archived);
        await page.goto(url);
        await expect(page.locator("main")).toBeVisible();
        if (route.includes(":failed"))
          await expect(page.getByText("Provisioning failed").first()).toBeVisible();
        findings.push(...(await seriousFindings(page, url)));
      }
      await context.close();
      expect(findings).toEqual([]);
    });
  }
}

for (const width of WIDTHS) {
  test(`at ${width} px: the review step, the credentials dialog, a new invite link and valid link pages`, async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    const findings: string[] = [];
    const member = await contextFor(browser, "member", width);
    await createProject(member.page, `Axe review ${uniqueSuffix()}`);
    await answerInterview(member.page, {
      backend: /^Express/,
      database: /^PostgreSQL/,
      frontend: /^None/,
      css: /^None/,
    });
    findings.push(...(await seriousFindings(member.page, "review step")));
    await member.page.getByRole("button", { name: "Save" }).click();
    await expect(member.page.getByRole("dialog", { name: "Your project is ready" })).toBeVisible();
    findings.push(...(await seriousFindings(member.page, "credentials dialog")));
    // The copy buttons keep their name while saying "Copied ✓" beside it (label-content-name-mismatch).
    const dialog = member.page.getByRole("dialog", { name: "Your project is ready" });
    await dialog.getByRole("button", { name: "Copy password" }).click();
    await expect(dialog.getByText("Copied ✓")).toBeVisible();
    findings.push(...(await seriousFindings(member.page, "credentials dialog, password copied")));
    await member.context.close();

    const admin = await contextFor(browser, "admin", width);
    await admin.page.goto("/admin/users");
    await admin.page.getByRole("button", { name: "Create invite link" }).click();
    const link = (await admin.page.getByLabel("Invite link", { exact: true }).textContent()) ?? "";
    findings.push(...(await seriousFindings(admin.page, "new invite link")));
    const users = (await (await admin.page.request.get("/api/trpc/admin.users")).json()) as {
      result: { data: { json: { id: string; email: string }[] } };
    };
    const viewer = users.result.data.json.find((user) => user.email === "viewer@e2e.invalid")!;
    const reset = await admin.page.request.post("/api/trpc/admin.createPasswordReset", {
      data: { json: { userId: viewer.id } },
    });
    const resetUrl = ((await reset.json()) as { result: { data: { json: { url: string } } } }).result.data
      .json.url;
    await admin.context.close();

    const anonymous = await contextFor(browser, "anonymous", width);
    await anonymous.page.goto(new URL(link).pathname);
    await expect(anonymous.page.getByLabel("Your name")).toBeVisible();
    findings.push(...(await seriousFindings(anonymous.page, "invite page")));
    await anonymous.page.goto(new URL(resetUrl).pathname);
    await expect(anonymous.page.getByRole("button")).not.toHaveCount(0);
    findings.push(...(await seriousFindings(anonymous.page, "reset page")));
    await anonymous.context.close();
    expect(findings).toEqual([]);
  });
}
