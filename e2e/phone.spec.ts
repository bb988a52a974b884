import { expect, test, type Page } from "@playwright/test";
import { STORAGE_STATE } from "./accounts";
import { answerInterview, createProject, uniqueSuffix } from "./helpers";

/**
 * Phone widths (issue 26): no page is wider than the viewport at 360 and 390 px, for each route a
 * role may open (and a provisioned project's page and its interview), and every button, input, choice
 * row and link that is not in running text is at least 44x44 px. Measured with scrollWidth and the
 * elements' boxes, not by eye.
 */
const WIDTHS = [360, 390];
const ROLES = {
  anonymous: ["/sign-in", "/invite/not-a-real-link", "/reset-password/not-a-real-link"],
  admin: ["/", "/projects/new", "/account", "/admin/users", "/admin/audit"],
  member: ["/", "/projects/new", "/account"],
  otherMember: ["/", "/projects/new", "/account"],
  viewer: ["/", "/account"],
} as const;

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * Targets smaller than 44x44 px, as "route: name WxH": buttons, inputs, selects, links shown as
 * blocks or buttons (a link displayed inline is a link in running text, which WCAG excepts), and for
 * a radio or checkbox the row (its label) a finger presses. Visually hidden elements (the skip link
 * until focused, sr-only text) are left out.
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const candidates = document.querySelectorAll<HTMLElement>(
      "a[href], button, input, select, textarea, summary",
    );
    for (const element of candidates) {
      let target: HTMLElement = element;
      if (element instanceof HTMLInputElement) {
        if (element.type === "hidden") continue;
        if (element.type === "radio" || element.type === "checkbox")
          target = element.closest("label") ?? element;
      }
      const style = getComputedStyle(target);
      if (target.tagName === "A" && style.display === "inline") continue;
      if (target.tagName === "SUMMARY" && style.display === "list-item" && target.closest("td")) continue;
      const box = target.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || style.visibility === "hidden") continue;
      if (box.width < 44 || box.height < 44) {
        const name = (target.getAttribute("aria-label") ?? target.textContent ?? target.tagName)
          .trim()
          .slice(0, 30);
        small.push(`${name} ${Math.round(box.width)}x${Math.round(box.height)}`);
      }
    }
    return small;
  });
}

let projectSlug = "";

test.beforeAll(async ({ browser }) => {
  // One saved project, so that the project page and the interview are measured too.
  const context = await browser.newContext({ storageState: STORAGE_STATE.member });
  const page = await context.newPage();
  projectSlug = await createProject(page, `Phone ${uniqueSuffix()}`);
  await answerInterview(page, {
    backend: /^Express/,
    database: /^PostgreSQL/,
    frontend: /^React/,
    css: /^Tailwind/,
  });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog", { name: "Your project is ready" })).toBeVisible();
  await context.close();
});

for (const [role, routes] of Object.entries(ROLES)) {
  test.describe(`as ${role}`, () => {
    test.use({
      storageState:
        role === "anonymous"
          ? { cookies: [], origins: [] }
          : STORAGE_STATE[role as Exclude<keyof typeof ROLES, "anonymous">],
    });

    for (const width of WIDTHS) {
      test(`every page fits ${width} px and its targets are at least 44x44 px`, async ({ page }) => {
        await page.setViewportSize({ width, height: 844 });
        const problems: string[] = [];
        // The member owns the measured project; the admin may change it too.
        const project =
          role === "anonymous"
            ? []
            : role === "admin" || role === "member"
              ? [`/projects/${projectSlug}`, `/projects/${projectSlug}/interview`]
              : [`/projects/${projectSlug}`];
        for (const route of [...routes, ...project]) {
          await page.goto(route);
          await expect(page.getByRole("banner")).toBeVisible();
          // Measured once what loads after the page (run history, stack knowledge) is there too.
          await page.waitForLoadState("networkidle");
          const extra = await overflow(page);
          if (extra > 0) problems.push(`${route}: ${extra} px wider than the screen`);
          const small = await smallTargets(page);
          if (small.length > 0) problems.push(`${route}: targets under 44x44 px: ${small.join(", ")}`);
        }
        expect(problems).toEqual([]);
      });
    }
  });
}
