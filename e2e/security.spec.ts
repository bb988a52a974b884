import { existsSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { chromium, expect, test, type Page } from "@playwright/test";
import { STORAGE_STATE } from "./accounts";
import { cookieHeaderOf, uniqueSuffix } from "./helpers";

/**
 * Issue 9, as an attacker would try it against the running launcher: a page elsewhere that rebinds
 * its name to 127.0.0.1, cross-site form posts, a framing page, and requests with forged headers.
 * Attacker pages are served by Playwright's router under their own origins; what they request from
 * Launchpad goes over the network to the real server.
 */
const port = Number(process.env.E2E_PORT ?? 3210);
const launchpad = `http://127.0.0.1:${port}`;
const REBOUND = `http://rebind.test:${port}`;
const ATTACKER = "http://attacker.test";

/**
 * Chromium as the attacker's victim: rebind.test resolves to Launchpad's address (as after a DNS
 * rebinding), and Chrome's own Local Network Access checks are off, as in browsers without them:
 * the server must hold by itself.
 */
async function victimBrowser() {
  const systemChromium = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";
  return chromium.launch({
    executablePath: existsSync(systemChromium) ? systemChromium : undefined,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--host-resolver-rules=MAP rebind.test 127.0.0.1",
      "--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessSendPreflights,PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests",
    ],
  });
}

type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * One request with exactly these headers (fetch would add or forbid some), signed in as the admin:
 * what is refused here is refused to a signed-in user, not merely to an anonymous one.
 */
function raw(
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const headers = { cookie: cookieHeaderOf(STORAGE_STATE.admin), ...options.headers };
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, path: pathname, method: options.method ?? "GET", headers },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

const trpcInput = (input: unknown) => encodeURIComponent(JSON.stringify({ json: input }));

async function projectNames(): Promise<string[]> {
  const response = await raw(`/api/trpc/project.list?input=${trpcInput({})}`);
  // A refused list would make every "not created" check below pass for the wrong reason.
  expect(response.status).toBe(200);
  const body = JSON.parse(response.body) as { result?: { data: { json: unknown } } };
  return JSON.stringify(body.result?.data.json ?? null).match(/"name":"[^"]*"/g) ?? [];
}

test.describe("DNS rebinding", () => {
  test("a page whose name is rebound to 127.0.0.1 cannot read or write through the API", async () => {
    const browser = await victimBrowser();
    try {
      const page = await browser.newPage();
      // The attacker's page was served while the name still pointed at the attacker.
      await page.route(`${REBOUND}/attack`, (route) =>
        route.fulfill({ contentType: "text/html", body: "<!doctype html><title>attack</title>" }),
      );
      await page.goto(`${REBOUND}/attack`);
      const name = `Rebound ${uniqueSuffix()}`;
      const outcome = await page.evaluate(async (projectName) => {
        const list = await fetch(`/api/trpc/project.list?input=${encodeURIComponent('{"json":{}}')}`);
        const create = await fetch("/api/trpc/project.create", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ json: { name: projectName } }),
        });
        const home = await fetch("/");
        return { list: list.status, listBody: await list.text(), create: create.status, home: home.status };
      }, name);
      expect(outcome.list).toBe(421);
      expect(outcome.listBody).not.toContain('"slug"');
      expect(outcome.create).toBe(421);
      expect(outcome.home).toBe(421);
      expect(await projectNames()).not.toContain(`"name":"${name}"`);
    } finally {
      await browser.close();
    }
  });

  test("every foreign Host is refused before any handler: pages, API, static files", async () => {
    for (const pathname of [
      "/",
      "/projects/new",
      `/api/trpc/project.list?input=${trpcInput({})}`,
      "/favicon.ico",
    ]) {
      for (const host of [`evil.example:${port}`, `rebind.test:${port}`, `localhost:${port + 1}`]) {
        const response = await raw(pathname, { headers: { host } });
        expect(response.status, `${host} ${pathname}`).toBe(421);
      }
    }
    // HTTP/1.0 without any Host header.
    const noHost = await new Promise<string>((resolve, reject) => {
      let answer = "";
      const socket = net.connect({ host: "127.0.0.1", port }, () => socket.write("GET / HTTP/1.0\r\n\r\n"));
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => (answer += chunk));
      socket.on("end", () => resolve(answer));
      socket.on("error", reject);
    });
    expect(noHost).toMatch(/^HTTP\/1\.[01] 421 /);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      expect((await raw("/projects/new", { headers: { host } })).status).toBe(200);
    }
  });
});

/** Puts an attacker's page at ATTACKER/<name> and opens it. */
async function openAttackerPage(page: Page, html: string) {
  await page.route(`${ATTACKER}/**`, (route) => route.fulfill({ contentType: "text/html", body: html }));
  await page.goto(`${ATTACKER}/page`);
}

test.describe("cross-site requests", () => {
  for (const enctype of ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]) {
    test(`a cross-site form post (${enctype}) is refused with 403 and creates nothing`, async ({ page }) => {
      const name = `Forged ${uniqueSuffix()}`;
      // With text/plain the body reads {"json":{"name":"...","x":"="}}: valid JSON, as attackers build it.
      const field =
        enctype === "text/plain"
          ? `<input name='{"json":{"name":"${name}","x":"' value='"}}'>`
          : `<input name="json" value='{"name":"${name}"}'>`;
      await openAttackerPage(
        page,
        `<form method="post" enctype="${enctype}" action="${launchpad}/api/trpc/project.create">${field}</form>`,
      );
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().startsWith(`${launchpad}/api/trpc/project.create`)),
        page.evaluate(() => document.querySelector("form")!.submit()),
      ]);
      expect(response.status()).toBe(403);
      expect(await projectNames()).not.toContain(`"name":"${name}"`);
    });
  }

  test("writes with a foreign Origin or Sec-Fetch-Site: cross-site are refused, same-origin ones pass", async () => {
    const body = (name: string) => JSON.stringify({ json: { name } });
    const json = { "content-type": "application/json", host: `127.0.0.1:${port}` };
    const foreign = await raw("/api/trpc/project.create", {
      method: "POST",
      headers: { ...json, origin: "http://evil.example" },
      body: body(`Origin ${uniqueSuffix()}`),
    });
    expect(foreign.status).toBe(403);
    const crossSite = await raw("/api/trpc/project.create", {
      method: "POST",
      headers: { ...json, "sec-fetch-site": "cross-site" },
      body: body(`Site ${uniqueSuffix()}`),
    });
    expect(crossSite.status).toBe(403);
    const sameOrigin = await raw("/api/trpc/project.create", {
      method: "POST",
      headers: { ...json, origin: launchpad, "sec-fetch-site": "same-origin" },
      body: body(`Own ${uniqueSuffix()}`),
    });
    expect(sameOrigin.status).toBe(200);
  });
});

test("a framing page shows nothing of Launchpad: frame-ancestors 'none' and X-Frame-Options", async () => {
  const browser = await victimBrowser();
  try {
    const page = await browser.newPage();
    const refusals: string[] = [];
    page.on("console", (message) => {
      if (message.text().includes("frame-ancestors")) refusals.push(message.text());
    });
    await openAttackerPage(
      page,
      `<iframe src="${launchpad}/projects/new" width="800" height="600"></iframe>`,
    );
    await expect.poll(() => refusals.length, { timeout: 15_000 }).toBeGreaterThan(0);
    // Chromium replaces the refused frame with an error page: no form, no button to click.
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame?.url()).toMatch(/^chrome-error:/);
    expect(await frame!.getByRole("button", { name: "Create project" }).count()).toBe(0);
    const headers = (await raw("/projects/new")).headers;
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  } finally {
    await browser.close();
  }
});

test("every response carries the security headers; pages run under the CSP nonce without violations", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/projects/new");
  await page.getByLabel("Project name").fill(`Headers ${uniqueSuffix()}`);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/interview(\?step=\w+)?$/);
  await expect(page.getByText("Step 2 of 6")).toBeVisible();
  expect(violations).toEqual([]);

  const html = await raw("/projects/new");
  const script = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(html.body)?.[1] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(String(html.headers["content-security-policy"]))?.[1] ?? "";
  expect(nonce.length).toBeGreaterThan(15);
  // Every inline script of the page carries the nonce; none runs without it.
  const inlineScripts = html.body.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? [];
  expect(inlineScripts.length).toBeGreaterThan(0);
  for (const tag of inlineScripts) expect(tag).toContain(`nonce="${nonce}"`);
  // A fresh nonce per response.
  expect((await raw("/projects/new")).headers["content-security-policy"]).not.toContain(nonce);

  for (const pathname of [
    "/",
    "/projects/new",
    script,
    "/no-such-page",
    `/api/trpc/project.list?input=${trpcInput({})}`,
  ]) {
    const response = await raw(pathname);
    const csp = String(response.headers["content-security-policy"]);
    expect(csp, pathname).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp, pathname).not.toContain("unsafe-inline' 'strict"); // no inline script without the nonce
    expect(csp, pathname).toContain("frame-ancestors 'none'");
    expect(response.headers["x-frame-options"], pathname).toBe("DENY");
    expect(response.headers["x-content-type-options"], pathname).toBe("nosniff");
    expect(response.headers["referrer-policy"], pathname).toBe("no-referrer");
  }
});

test("a batch holds at most 10 calls: 11 are refused and nothing is created", async () => {
  const names = Array.from({ length: 11 }, (_, i) => `Batch ${uniqueSuffix()} ${i}`);
  const body = JSON.stringify(Object.fromEntries(names.map((name, i) => [i, { json: { name } }])));
  const response = await raw(`/api/trpc/${names.map(() => "project.create").join(",")}?batch=1`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  expect(response.status).toBe(400);
  const existing = await projectNames();
  for (const name of names) expect(existing).not.toContain(`"name":"${name}"`);
  const allowed = names.slice(0, 10);
  const small = await raw(`/api/trpc/${allowed.map(() => "project.create").join(",")}?batch=1`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(Object.fromEntries(allowed.map((name, i) => [i, { json: { name } }]))),
  });
  expect(small.status).toBe(200);
});
