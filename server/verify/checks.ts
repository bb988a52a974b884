/**
 * What a booted backend must show: /health answers 200 {"status":"ok","database":<kind>} after a real
 * query (no database: 200 without the field), and CORS allows exactly the frontend's origins.
 */
export type HealthOutcome = { ok: boolean; detail: string };

const FOREIGN_ORIGIN = "http://foreign.invalid:1";

async function get(url: string, origin?: string) {
  const response = await fetch(url, {
    headers: origin ? { Origin: origin } : {},
    signal: AbortSignal.timeout(10_000),
  });
  return {
    status: response.status,
    allowOrigin: response.headers.get("access-control-allow-origin"),
    body: await response.text(),
  };
}

/** Polls /health until the app answers, then judges the answer. */
export async function waitForHealth(
  baseUrl: string,
  expectedDatabase: string | null,
  options: { timeoutMs: number; hasExited(): boolean; path?: string },
): Promise<HealthOutcome> {
  const healthPath = options.path ?? "/health";
  const deadline = Date.now() + options.timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (options.hasExited()) return { ok: false, detail: "the app exited before answering" };
    try {
      const { status, body } = await get(`${baseUrl}${healthPath}`);
      return judgeHealth(status, body, expectedDatabase);
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { ok: false, detail: `no answer on ${healthPath} within ${options.timeoutMs / 1000} s (${last})` };
}

export function judgeHealth(status: number, body: string, expectedDatabase: string | null): HealthOutcome {
  let parsed: { status?: unknown; database?: unknown } = {};
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return { ok: false, detail: `HTTP ${status}, not JSON: ${body.slice(0, 200)}` };
  }
  const wanted = expectedDatabase === null ? undefined : expectedDatabase;
  if (status === 200 && parsed.status === "ok" && parsed.database === wanted)
    return { ok: true, detail: "ok" };
  return { ok: false, detail: `HTTP ${status} ${body.slice(0, 300)}` };
}

/** Each frontend origin is echoed back; a foreign origin gets no Access-Control-Allow-Origin. */
export async function checkCors(
  baseUrl: string,
  frontendOrigins: string[],
): Promise<{ ok: boolean; detail: string }> {
  for (const origin of frontendOrigins) {
    const { allowOrigin } = await get(`${baseUrl}/health`, origin);
    if (allowOrigin !== origin)
      return { ok: false, detail: `${origin} got Access-Control-Allow-Origin ${allowOrigin}` };
  }
  const { allowOrigin } = await get(`${baseUrl}/health`, FOREIGN_ORIGIN);
  if (allowOrigin === FOREIGN_ORIGIN || allowOrigin === "*")
    return { ok: false, detail: `a foreign origin is allowed (${allowOrigin})` };
  return { ok: true, detail: frontendOrigins.length > 0 ? "ok" : "ok (no frontend: no origin allowed)" };
}
