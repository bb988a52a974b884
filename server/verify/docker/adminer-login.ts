/**
 * Logs in to the project's Adminer as a person would: the login form posted with the generated
 * credentials, the session cookie kept, and the databases page read. Passes when Adminer redirects
 * to the logged-in page and that page links the app's database.
 */
export type AdminerOutcome = { ok: boolean; detail: string };

type Credentials = { driver: "pgsql" | "server"; user: string; password: string; database: string };

function cookiesOf(response: Response, jar: Map<string, string>): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const at = pair!.indexOf("=");
    if (at > 0) jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
  }
}

const cookieHeader = (jar: Map<string, string>) =>
  [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

export async function checkAdminerLogin(baseUrl: string, credentials: Credentials): Promise<AdminerOutcome> {
  const jar = new Map<string, string>();
  const request = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(url, baseUrl), {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), Cookie: cookieHeader(jar) },
      signal: AbortSignal.timeout(15_000),
    });
    cookiesOf(response, jar);
    return response;
  };
  try {
    const form = await request("/");
    const formHtml = await form.text();
    if (!formHtml.includes('name="auth[username]"'))
      return { ok: false, detail: `no login form at / (HTTP ${form.status})` };
    const body = new URLSearchParams({
      "auth[driver]": credentials.driver,
      "auth[server]": "database",
      "auth[username]": credentials.user,
      "auth[password]": credentials.password,
      "auth[db]": credentials.database,
    });
    const login = await request("/", {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const location = login.headers.get("location");
    if (login.status !== 302 || !location) {
      const error = /<div class=['"]error['"]>(.*?)<\/div>/s.exec(await login.text())?.[1];
      return {
        ok: false,
        detail: `the login was refused (HTTP ${login.status}${error ? `: ${error}` : ""})`,
      };
    }
    // The server's page without a database: Adminer lists the databases this user can see.
    const listUrl = `/?${credentials.driver}=database&username=${encodeURIComponent(credentials.user)}`;
    const list = await request(listUrl);
    const html = await list.text();
    if (list.status !== 200) return { ok: false, detail: `the databases page answered HTTP ${list.status}` };
    if (!html.includes(`db=${encodeURIComponent(credentials.database)}`))
      return { ok: false, detail: `logged in, but the database ${credentials.database} is not listed` };
    return { ok: true, detail: `ok (logged in as ${credentials.user}; ${credentials.database} listed)` };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}
