import { existsSync } from "node:fs";
import { chromium, type Browser } from "@playwright/test";
import { NONE } from "../../provisioning/stack";

/**
 * What a generated app's first page must show in a real browser: the health of what it talks to,
 * fetched as the page fetches it, and a computed style only the chosen CSS framework produces (none:
 * that neither framework's CSS is there), in the system's own fonts. The page marks its parts with
 * data-launchpad attributes (title, health, action); the technology folders' pages are written so.
 */
export type PageOutcome = { ok: boolean; health: string; styled: string; detail?: string };

const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Why no page can be checked on this machine, or null. */
export function browserProblem(): string | null {
  return existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
}

/** The page has nothing to ask: its health line must say so (data-status="none"). */
export const NO_BACKEND = Symbol("no backend");

let browser: Promise<Browser> | undefined;

function sharedBrowser(): Promise<Browser> {
  browser ??= chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return browser;
}

export async function closeBrowser(): Promise<void> {
  if (browser) await (await browser).close();
  browser = undefined;
}

/** What the page's styles are, read in the page. */
type Styles = {
  titleFontSize: string;
  actionPadding: string;
  bodyFontFamily: string;
  bootstrapLoaded: boolean;
  tailwindLoaded: boolean;
};

function readStyles(): Styles {
  const title = document.querySelector('[data-launchpad="title"]');
  const action = document.querySelector('[data-launchpad="action"]');
  if (!title || !action) throw new Error("the page has no data-launchpad title or action");
  // Tailwind 4's utilities declare --tw-* custom properties; Bootstrap defines --bs-* on :root.
  const cssText = [...document.styleSheets]
    .map((sheet) => {
      try {
        return [...sheet.cssRules].map((rule) => rule.cssText).join("\n");
      } catch {
        return "";
      }
    })
    .join("\n");
  return {
    titleFontSize: getComputedStyle(title).fontSize,
    actionPadding: getComputedStyle(action).padding,
    bodyFontFamily: getComputedStyle(document.body).fontFamily,
    bootstrapLoaded: getComputedStyle(document.documentElement).getPropertyValue("--bs-blue").trim() !== "",
    tailwindLoaded: cssText.includes("--tw-"),
  };
}

/** The checks of the chosen CSS; an empty list means the page is styled as chosen. */
function styleProblems(css: string, styles: Styles): string[] {
  const problems: string[] = [];
  if (!styles.bodyFontFamily.includes("system-ui"))
    problems.push(`the body's font is ${styles.bodyFontFamily}, not the system font stack`);
  if (css === "tailwind") {
    if (!styles.tailwindLoaded) problems.push("no Tailwind utility in the page's CSS");
    if (styles.actionPadding !== "8px 16px")
      problems.push(`the action's padding is ${styles.actionPadding}, not Tailwind's px-4 py-2 (8px 16px)`);
    if (styles.titleFontSize !== "30px")
      problems.push(`the title is ${styles.titleFontSize}, not Tailwind's text-3xl (30px)`);
    if (styles.bootstrapLoaded) problems.push("Bootstrap's CSS is loaded too");
  } else if (css === "bootstrap") {
    if (!styles.bootstrapLoaded) problems.push("Bootstrap's CSS is not loaded (no --bs-blue)");
    if (styles.actionPadding !== "6px 12px")
      problems.push(`the action's padding is ${styles.actionPadding}, not Bootstrap's .btn (6px 12px)`);
    if (styles.tailwindLoaded) problems.push("Tailwind's CSS is loaded too");
  } else if (css === NONE) {
    if (styles.bootstrapLoaded) problems.push("Bootstrap's CSS is loaded, though none was chosen");
    if (styles.tailwindLoaded) problems.push("Tailwind's CSS is loaded, though none was chosen");
  }
  return problems;
}

/**
 * Loads the page, waits until its health line has a settled status (not "checking"), and judges
 * it: `expectedDatabase` is the database kind the health must name, null for "ok" without a
 * database, and NO_BACKEND when the page has nothing to ask (its data-status must be "none").
 */
export async function checkPage(
  url: string,
  /** expectedDatabase: the kind the health must name, null for none, NO_BACKEND for a page without one. */
  options: { css: string; expectedDatabase: string | null | typeof NO_BACKEND },
): Promise<PageOutcome> {
  const context = await (await sharedBrowser()).newContext();
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  try {
    await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    // "checking" is the page's own state while its fetch is in flight: wait until the fetch has
    // answered, then read the status and the text together, so neither can change between the reads.
    const settled = page.locator('[data-launchpad="health"][data-status]:not([data-status="checking"])');
    await settled.waitFor({ timeout: 30_000 }).catch(() => {
      throw new Error('the page\'s health line was missing or still "checking" after 30 s');
    });
    const { status, text } = await settled.evaluate((element) => ({
      status: element.getAttribute("data-status"),
      text: (element as HTMLElement).innerText.trim(),
    }));
    const styles = await page.evaluate(readStyles);
    const problems = styleProblems(options.css, styles);
    const styled = problems.length === 0 ? `ok (${options.css})` : problems.join("; ");
    let healthOk: boolean;
    if (options.expectedDatabase === NO_BACKEND) healthOk = status === "none";
    else
      healthOk =
        status === "ok" &&
        /\bok\b/.test(text) &&
        (options.expectedDatabase === null || text.includes(options.expectedDatabase));
    const healthDetail = healthOk ? `ok: "${text}"` : `status ${status}: "${text}"`;
    const ok = healthOk && problems.length === 0;
    return {
      ok,
      health: healthDetail,
      styled,
      ...(ok
        ? {}
        : {
            detail: [healthDetail, styled, ...consoleErrors.slice(0, 5).map((e) => `console: ${e}`)].join(
              "\n",
            ),
          }),
    };
  } catch (error) {
    const detail = [(error as Error).message.split("\n")[0], ...consoleErrors.slice(0, 5)].join("\n");
    return { ok: false, health: "not shown", styled: "not checked", detail };
  } finally {
    await context.close();
  }
}
