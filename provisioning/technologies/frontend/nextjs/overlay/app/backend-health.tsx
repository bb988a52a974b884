// Written by Launchpad. The backend's health, read on the server for every request. With API_URL set
// (the backend's address inside the stack's network, e.g. http://backend:8000) it asks the backend's
// GET /health; without it this app is its own backend and runs the same database check as
// GET /api/health.
import { connection } from "next/server";
import { checkDatabase } from "../lib/database-health.js";

type Health = { status: "ok" | "error"; text: string };
type HealthBody = { status?: string; database?: string; reason?: string };

const TIMEOUT_MS = 5000;

function describe(body: HealthBody | null, httpStatus?: number): Health {
  if (body?.status === "ok") {
    return {
      status: "ok",
      text: `Backend: ok (${body.database ? `database: ${body.database}` : "no database"})`,
    };
  }
  const reason = body?.reason ?? (httpStatus ? `HTTP ${httpStatus}` : "unexpected answer");
  return { status: "error", text: `Backend: error (${reason})` };
}

async function readHealth(): Promise<Health> {
  // Rendered at request time, never prerendered at build: API_URL and the database are the running stack's.
  await connection();
  const apiUrl = process.env.API_URL?.trim();
  if (!apiUrl) return describe(await checkDatabase());
  const url = `${apiUrl.replace(/\/+$/, "")}/health`;
  try {
    const response = await fetch(url, { cache: "no-store", signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = (await response.json().catch(() => null)) as HealthBody | null;
    return response.ok
      ? describe(body, response.status)
      : describe({ ...body, status: "error" }, response.status);
  } catch (error) {
    return {
      status: "error",
      text: `Backend: unreachable at ${url} (${error instanceof Error ? error.message : error})`,
    };
  }
}

/** Shown while the server waits for the answer (streamed first, then replaced). */
export function CheckingHealth({ className }: { className?: string }) {
  return (
    <p data-launchpad="health" className={className}>
      Checking the backend...
    </p>
  );
}

export async function BackendHealth({ className }: { className?: string }) {
  const health = await readHealth();
  return (
    <p data-launchpad="health" data-status={health.status} className={className}>
      {health.text}
    </p>
  );
}
