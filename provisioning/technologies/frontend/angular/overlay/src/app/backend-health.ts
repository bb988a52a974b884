// Written by Launchpad. The backend's address and health, as the browser reaches them.

// Replaced when the app is built by the Angular CLI's `define` option, fed from the API_URL environment
// variable: `ng serve --define "API_URL='$API_URL'"` (the Dockerfile's command) and
// `ng build --define "API_URL='$API_URL'"`. Without the option the identifier stays undeclared.
declare const API_URL: string | undefined;

/** The backend's URL as the browser reaches it (e.g. http://127.0.0.1:8000), empty without a backend. */
export const apiUrl: string = (typeof API_URL === "string" ? API_URL : "").trim().replace(/\/+$/, "");

export type Health = { status?: "ok" | "error" | "none"; text: string };
type HealthBody = { status?: string; database?: string; reason?: string };

export const CHECKING: Health = { text: "Checking the backend..." };
const TIMEOUT_MS = 5000;

/** Asks the backend's GET /health (it answers {"status":"ok","database":"postgresql"}). */
export async function readBackendHealth(url: string = apiUrl): Promise<Health> {
  if (!url) return { status: "none", text: "No backend in this stack (API_URL is empty)." };
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = (await response.json().catch(() => null)) as HealthBody | null;
    if (response.ok && body?.status === "ok") {
      return {
        status: "ok",
        text: `Backend: ok (${body.database ? `database: ${body.database}` : "no database"})`,
      };
    }
    return { status: "error", text: `Backend: error (${body?.reason ?? `HTTP ${response.status}`})` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { status: "error", text: `Backend: unreachable at ${url} (${reason})` };
  }
}
