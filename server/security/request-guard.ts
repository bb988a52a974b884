import "server-only";
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Env } from "../env";
import { CLIENT_ADDRESS_HEADER } from "./client-address";

/**
 * The launcher's checks on every request, run before Next.js sees it (pages, API, static files and
 * 404s alike): only Launchpad's own host names, forwarded headers only from a trusted proxy, no
 * cross-site writes, a size limit announced up front, and the security headers of every response.
 * See docs/decisions/006-the-launcher-guards-every-request.md.
 */

/** tRPC bodies (names, answers, a stack) are small; anything larger is refused. */
export const MAX_BODY_BYTES = 64 * 1024;

export type RequestGuard = {
  /** `host[:port]` values accepted in `Host` (lowercase). */
  allowedHosts: ReadonlySet<string>;
  /** Origins accepted in `Origin` on writes. */
  allowedOrigins: ReadonlySet<string>;
  trustedProxies: ReadonlySet<string>;
  isDev: boolean;
};

export function createRequestGuard(
  config: Pick<Env, "PORT" | "publicOrigin" | "LAUNCHPAD_TRUSTED_PROXIES">,
  isDev: boolean,
): RequestGuard {
  const loopback = ["localhost", "127.0.0.1", "[::1]"].map((name) => `${name}:${config.PORT}`);
  const publicUrl = new URL(config.publicOrigin);
  return {
    allowedHosts: new Set([...loopback, publicUrl.host.toLowerCase()]),
    allowedOrigins: new Set([...loopback.map((host) => `http://${host}`), publicUrl.origin.toLowerCase()]),
    trustedProxies: new Set(config.LAUNCHPAD_TRUSTED_PROXIES.map(normalizeAddress)),
    isDev,
  };
}

/** The Content-Security-Policy of one response; `nonce` is the one Next.js puts on its scripts. */
export function contentSecurityPolicy(nonce: string, isDev: boolean): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by a nonced script (Next.js's chunks) run, nothing else does.
    // React's development build needs eval for its debugging aids; the production build does not.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${isDev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const FORWARDED_HEADERS = /^(forwarded|x-forwarded-.*|x-real-ip)$/;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Checks `req` and prepares `res`. Returns true when Next.js may handle the request; otherwise the
 * response has been sent. May remove forwarded headers from `req` and sets the CSP request header
 * from which Next.js takes the nonce for its scripts.
 */
export function guardRequest(req: IncomingMessage, res: ServerResponse, guard: RequestGuard): boolean {
  const nonce = randomBytes(16).toString("base64");
  const policy = contentSecurityPolicy(nonce, guard.isDev);
  res.setHeader("Content-Security-Policy", policy);
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");

  // DNS rebinding: a page whose name now points at 127.0.0.1 still sends its own name as Host.
  const host = req.headers.host?.toLowerCase();
  if (!host || !guard.allowedHosts.has(host)) {
    return refuse(res, 421, "This server answers only under its own address (see LAUNCHPAD_URL).");
  }

  const peer = normalizeAddress(req.socket.remoteAddress ?? "");
  const fromTrustedProxy = guard.trustedProxies.has(peer);
  for (const name of Object.keys(req.headers)) {
    if (FORWARDED_HEADERS.test(name) && !fromTrustedProxy) delete req.headers[name];
  }
  // The address that rate limits and the audit see: never what the client claims.
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(req, peer, fromTrustedProxy);
  const forwardedHost = req.headers["x-forwarded-host"];
  if (typeof forwardedHost === "string" && !guard.allowedHosts.has(forwardedHost.toLowerCase())) {
    return refuse(res, 421, "This server answers only under its own address (see LAUNCHPAD_URL).");
  }

  // A page elsewhere may link here (a navigation), but never call the API or write: browsers say
  // where a request comes from in Origin and Sec-Fetch-Site.
  const url = req.url ?? "/";
  const pathname = url.split("?")[0]!;
  const isApi = /^\/api\/(trpc|auth)(\/|$)/.test(pathname);
  // The app's plain form posts: signing out (the header's button works without scripts) and a
  // project's download (a zip goes to the browser's downloads, not into the page).
  const isFormPost = pathname === SIGN_OUT_PATH || PROJECT_DOWNLOAD_PATH.test(pathname);
  const method = req.method ?? "GET";
  const site = req.headers["sec-fetch-site"];
  const isCrossSite = site !== undefined && site !== "same-origin" && site !== "none";
  if ((isApi || !SAFE_METHODS.has(method)) && isCrossSite) {
    return refuse(res, 403, "Cross-site requests are refused.");
  }
  const origin = req.headers.origin;
  // Under Referrer-Policy: no-referrer a browser's own form post says `Origin: null`; Sec-Fetch-Site,
  // which pages cannot set, still tells that it came from this origin.
  const isOwnFormPost = origin === "null" && site === "same-origin";
  if (
    !SAFE_METHODS.has(method) &&
    origin !== undefined &&
    !isOwnFormPost &&
    !guard.allowedOrigins.has(origin.toLowerCase())
  ) {
    return refuse(res, 403, "Requests from other sites are refused.");
  }
  if (!SAFE_METHODS.has(method)) {
    // Only the API and the two plain forms take writes (the app has no server actions).
    if (!isApi && !isFormPost) return refuse(res, 405, "Method not allowed.");
    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    const expected = isFormPost ? "application/x-www-form-urlencoded" : "application/json";
    if (type !== expected)
      return refuse(res, 415, isFormPost ? "Send the page's form." : "The API takes JSON only.");
    // Announced sizes are refused here; bodies without one are counted as they stream (route.ts).
    const length = Number(req.headers["content-length"] ?? 0);
    if (!Number.isFinite(length) || length > MAX_BODY_BYTES) {
      return refuse(res, 413, "Request body too large.", true);
    }
  }

  req.headers["content-security-policy"] = policy;
  return true;
}

/**
 * Counts a write's body as it arrives from the socket, whatever reads it (a Next.js route, Better
 * Auth): past `max` bytes the client gets 413 and the connection closes, so a chunked upload without
 * Content-Length cannot grow the process, on any route (issue 23: five 200 MB uploads to /api/auth took
 * it to 3.49 GB). It wraps the request's own push(), which Node's HTTP parser calls with each chunk,
 * so it neither reads the stream nor changes who does or when.
 */
export function limitBody(req: IncomingMessage, res: ServerResponse, max = MAX_BODY_BYTES): void {
  if (SAFE_METHODS.has(req.method ?? "GET")) return;
  let total = 0;
  let refused = false;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (refused) return false;
    if (chunk !== null && chunk !== undefined) {
      total += (chunk as Buffer).length;
      if (total > max) {
        refused = true;
        if (!res.headersSent) refuse(res, 413, "Request body too large.", true);
        // What the reader got so far ends here; the socket goes once the answer is out.
        res.once("finish", () => req.socket.destroy());
        if (res.writableFinished) req.socket.destroy();
        return false;
      }
    }
    return push(chunk, encoding);
  };
}

function refuse(res: ServerResponse, status: number, message: string, closeConnection = false): false {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  // The body that was not read is not read at all: the connection ends with the answer.
  if (closeConnection) res.setHeader("Connection", "close");
  res.end(JSON.stringify({ error: message }));
  return false;
}

/** Where the header's sign-out form posts (app/sign-out/route.ts). */
export const SIGN_OUT_PATH = "/sign-out";
/** app/projects/[slug]/download/route.ts */
export const PROJECT_DOWNLOAD_PATH = /^\/projects\/[^/]+\/download$/;

/**
 * The client's address: the peer's, or from a trusted proxy the last address its X-Forwarded-For
 * names (the one the proxy itself appended; earlier entries are the client's own claims).
 */
function clientAddressOf(req: IncomingMessage, peer: string, fromTrustedProxy: boolean): string {
  const forwarded = req.headers["x-forwarded-for"];
  if (!fromTrustedProxy || typeof forwarded !== "string") return peer;
  const last = normalizeAddress(forwarded.split(",").at(-1)?.trim() ?? "");
  // Only an IP address counts: anything else (a proxy passing on a client's text) is not an
  // address, and would reach the audit log and its CSV as typed (issue 23).
  return isIP(last) !== 0 ? last : peer;
}

/** `::ffff:127.0.0.1` (IPv4 over an IPv6 socket) is 127.0.0.1. */
function normalizeAddress(address: string): string {
  return address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
}
