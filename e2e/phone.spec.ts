import { expect, test, type Page } from "@playwright/test";
import { STORAGE_STATE } from "./accounts";
import { answerInterview, createProject, uniqueSuffix } from "./helpers";

/**
 * Phone widths (issue 26): no page is wider than the viewport at 360 and 390 px, for each route a
 * role may open (and a provisioned project's page), and the header's links and buttons are at least
 * 44 px tall. Measured with scrollWidth and boundingBox(), not by eye. The rest of issue 26 (every
 * route with axe, touch targets beyond the header) is still open.
 */
const WIDTHS = [360, 390];
const ROLES = {
  admin: ["/", "/projects/new", "/account", "/admin/users", "/admin/audit"],
  member: ["/", "/projects/new", "/account"],
  viewer: ["/", "/account"],
} as const;

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Header controls shorter than 44 px: "name height". */
async function smallHeaderTargets(page: Page): Promise<string[]> {
  const small: string[] = [];
  for (const target of await page.getByRole("banner").locator("a, button").all()) {
    const box = await target.boundingBox();
    if (box && box.height < 44) small.push(`${(await target.innerText()).trim()} ${Math.round(box.height)}`);
  }
  return small;
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
    test.use({ storageState: STORAGE_STATE[role as keyof typeof ROLES] });

    for (const width of WIDTHS) {
      test(`every page fits ${width} px and the header's targets are 44 px tall`, async ({ page }) => {
        await page.setViewportSize({ width, height: 844 });
        const problems: string[] = [];
        for (const route of [...routes, `/projects/${projectSlug}`]) {
          await page.goto(route);
          await expect(page.getByRole("banner")).toBeVisible();
          const extra = await overflow(page);
          if (extra > 0) problems.push(`${route}: ${extra} px wider than the screen`);
          const small = await smallHeaderTargets(page);
          if (small.length > 0) problems.push(`${route}: header targets under 44 px: ${small.join(", ")}`);
        }
        expect(problems).toEqual([]);
      });
    }
  });
}
