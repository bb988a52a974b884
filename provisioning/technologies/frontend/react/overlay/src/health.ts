/**
 * The backend's health as the first page shows it: GET <VITE_API_URL>/health answers
 * {"status":"ok","database":"postgresql"} (no "database" key when the backend has no database).
 */

export type BackendHealth =
  | { status: "checking" }
  | { status: "none" }
  | { status: "ok"; database: string | null }
  | { status: "error"; reason: string };

/** The backend's base URL without a trailing slash; '' when the stack has no backend. */
export const apiUrl: string = (import.meta.env.VITE_API_URL ?? "").trim().replace(/\/+$/, "");

const TIMEOUT_MS = 5000;

/** Asks the backend once. Never throws: a failure is an 'error' result with its reason. */
export async function checkBackendHealth(): Promise<BackendHealth> {
  if (apiUrl === "") {
    return { status: "none" };
  }
  try {
    const response = await fetch(`${apiUrl}/health`, {
      headers: { Accept: "application/json" },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) {
      return { status: "error", reason: `${apiUrl}/health answered HTTP ${response.status}` };
    }
    const body: unknown = await response.json().catch(() => null);
    if (typeof body !== "object" || body === null || !("status" in body) || body.status !== "ok") {
      return { status: "error", reason: `${apiUrl}/health answered without {"status":"ok"}` };
    }
    const database = "database" in body && typeof body.database === "string" ? body.database : null;
    return { status: "ok", database };
  } catch (error) {
    const reason =
      error instanceof DOMException && error.name === "TimeoutError"
        ? `no answer from ${apiUrl} within ${TIMEOUT_MS / 1000} s`
        : `${apiUrl} unreachable (${error instanceof Error ? error.message : String(error)})`;
    return { status: "error", reason };
  }
}

/** The sentence the page shows for a result. */
export function describeHealth(health: BackendHealth): string {
  switch (health.status) {
    case "checking":
      return "Checking the backend...";
    case "none":
      return "No backend in this stack.";
    case "ok":
      return `Backend: ok (${health.database === null ? "no database" : `database: ${health.database}`})`;
    case "error":
      return `Backend: error, ${health.reason}`;
  }
}
