import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "~/server/api/root";
import { createContext } from "~/server/api/trpc";
import { MAX_BODY_BYTES } from "~/server/security/request-guard";
import { warmProvisioning } from "~/server/services/provisioning/warm-provisioning";
import { MAX_BATCH_SIZE } from "~/server/shared/api-limits";

// This module is loaded once per process, by the launcher's first request (server/cli/start.ts):
// the provisioning engine's one-time work is done then, not in the first user's Save.
setTimeout(() => void warmProvisioning(), 0);

function tooLarge() {
  // Closing the connection stops the client's upload: the rest of the body is never read.
  return Response.json(
    { error: "Request body too large." },
    { status: 413, headers: { connection: "close", "cache-control": "no-store" } },
  );
}

/**
 * Reads the body as it streams, counting bytes, and stops at MAX_BODY_BYTES: a chunked upload has
 * no Content-Length for the launcher to refuse up front. Returns null when the limit was passed.
 */
async function readLimitedBody(req: Request): Promise<Blob | null> {
  if (!req.body) return new Blob([]);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  return new Blob(chunks as BlobPart[]);
}

async function handler(req: Request) {
  let request = req;
  if (req.method === "POST") {
    const body = await readLimitedBody(req);
    if (!body) return tooLarge();
    request = new Request(req.url, { method: "POST", headers: req.headers, body });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: ({ resHeaders }) => createContext({ headers: request.headers, resHeaders }),
    // Some answers carry database passwords: nothing may keep a copy.
    responseMeta: () => ({ headers: new Headers({ "cache-control": "no-store" }) }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
      }
    },
  });
}

export { handler as GET, handler as POST };
