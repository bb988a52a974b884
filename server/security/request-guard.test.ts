import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createRequestGuard, guardRequest, limitBody } from "./request-guard";

/**
 * The guard in front of a real HTTP server whose handler echoes the headers it was given, as
 * Next.js would see them.
 */
const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function guardedEcho(trustedProxies: string[]) {
  const server = http.createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const guard = createRequestGuard(
    { PORT: port, publicOrigin: "https://launchpad.example.org", LAUNCHPAD_TRUSTED_PROXIES: trustedProxies },
    false,
  );
  server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (guardRequest(req, res, guard)) res.end(JSON.stringify(req.headers));
  });
  return port;
}

function get(port: number, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: "/", headers }, (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

const forwarded = {
  "x-forwarded-host": "launchpad.example.org",
  "x-forwarded-proto": "https",
  "x-forwarded-for": "203.0.113.9",
  forwarded: "for=203.0.113.9",
};

describe("forwarded headers", () => {
  it("are removed when no trusted proxy is configured", async () => {
    const port = await guardedEcho([]);
    const response = await get(port, { host: `127.0.0.1:${port}`, ...forwarded });
    expect(response.status).toBe(200);
    const seen = JSON.parse(response.body) as Record<string, string>;
    expect(Object.keys(seen).filter((name) => /forwarded/.test(name))).toEqual([]);
  });

  it("are kept from a trusted proxy, whose forwarded host must be Launchpad's own", async () => {
    const port = await guardedEcho(["127.0.0.1"]);
    const kept = await get(port, { host: "launchpad.example.org", ...forwarded });
    expect(kept.status).toBe(200);
    expect(JSON.parse(kept.body)).toMatchObject({ "x-forwarded-host": "launchpad.example.org" });
    const foreign = await get(port, { host: "launchpad.example.org", "x-forwarded-host": "evil.example" });
    expect(foreign.status).toBe(421);
  });

  it("LAUNCHPAD_URL's host is accepted besides the loopback names", async () => {
    const port = await guardedEcho([]);
    expect((await get(port, { host: "launchpad.example.org" })).status).toBe(200);
    expect((await get(port, { host: `localhost:${port}` })).status).toBe(200);
    expect((await get(port, { host: "launchpad.example.org.evil.example" })).status).toBe(421);
  });
});

describe("the client address passed on to the app", () => {
  it("is the socket's peer, whatever the client claims", async () => {
    const port = await guardedEcho([]);
    const response = await get(port, {
      host: `127.0.0.1:${port}`,
      "x-launchpad-client-address": "198.51.100.7",
      ...forwarded,
    });
    expect(JSON.parse(response.body)).toMatchObject({ "x-launchpad-client-address": "127.0.0.1" });
  });

  it("is the address a trusted proxy appended last to X-Forwarded-For", async () => {
    const port = await guardedEcho(["127.0.0.1"]);
    const response = await get(port, {
      host: "launchpad.example.org",
      "x-forwarded-for": "10.9.9.9, 203.0.113.9",
    });
    expect(JSON.parse(response.body)).toMatchObject({ "x-launchpad-client-address": "203.0.113.9" });
  });

  it("is the proxy's own address when what the proxy forwarded is not an IP address", async () => {
    const port = await guardedEcho(["127.0.0.1"]);
    for (const claimed of [";=1+1", '=HYPERLINK("x")', "unknown", "203.0.113.9:443"]) {
      const response = await get(port, {
        host: "launchpad.example.org",
        "x-forwarded-for": `10.9.9.9, ${claimed}`,
      });
      expect(JSON.parse(response.body)).toMatchObject({ "x-launchpad-client-address": "127.0.0.1" });
    }
  });
});

function post(port: number, pathname: string, headers: Record<string, string>) {
  return new Promise<number>((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path: pathname,
        method: "POST",
        headers: { host: `127.0.0.1:${port}`, ...headers },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("error", reject);
    request.end("");
  });
}

describe("the sign-out form post", () => {
  const form = { "content-type": "application/x-www-form-urlencoded" };

  it("passes from Launchpad's own page, whose Origin is null under no-referrer", async () => {
    const port = await guardedEcho([]);
    expect(await post(port, "/sign-out", { ...form, origin: "null", "sec-fetch-site": "same-origin" })).toBe(
      200,
    );
    expect(await post(port, "/sign-out", { ...form, origin: `http://127.0.0.1:${port}` })).toBe(200);
  });

  it("is refused from other sites, and other pages take no form posts", async () => {
    const port = await guardedEcho([]);
    expect(await post(port, "/sign-out", { ...form, origin: "null", "sec-fetch-site": "cross-site" })).toBe(
      403,
    );
    expect(await post(port, "/sign-out", { ...form, origin: "null" })).toBe(403);
    expect(await post(port, "/sign-out", { ...form, origin: "http://evil.example" })).toBe(403);
    expect(await post(port, "/", { ...form, origin: `http://127.0.0.1:${port}` })).toBe(405);
    expect(await post(port, "/sign-out", { "content-type": "text/plain" })).toBe(415);
  });
});

describe("the body limit on writes", () => {
  /** The guard and the limit in front of a handler that reads the whole body, as a route would. */
  async function guardedReader(max: number) {
    const server = http.createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    const guard = createRequestGuard(
      { PORT: port, publicOrigin: `http://127.0.0.1:${port}`, LAUNCHPAD_TRUSTED_PROXIES: [] },
      false,
    );
    const received: number[] = [];
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (!guardRequest(req, res, guard)) return;
      limitBody(req, res, max);
      // The route reads later, as Next.js does after its own routing.
      setTimeout(() => {
        let bytes = 0;
        req.on("data", (chunk: Buffer) => (bytes += chunk.length));
        req.on("end", () => {
          received.push(bytes);
          if (!res.headersSent) res.end(JSON.stringify({ bytes }));
        });
        req.on("error", () => {});
      }, 20);
    });
    return { port, received };
  }

  /** A chunked POST (no Content-Length) of `chunks` chunks of 16 KiB to /api/auth/sign-in/email. */
  function chunkedPost(port: number, chunks: number) {
    return new Promise<{ status: number; body: string }>((resolve) => {
      const request = http.request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/api/auth/sign-in/email",
          headers: {
            host: `127.0.0.1:${port}`,
            "content-type": "application/json",
            "transfer-encoding": "chunked",
          },
        },
        (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => (body += chunk.toString()));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
          response.on("error", () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      request.on("error", () => {});
      let sent = 0;
      const sendMore = () => {
        while (sent < chunks) {
          sent++;
          if (!request.write(Buffer.alloc(16 * 1024, 0x20))) return void request.once("drain", sendMore);
        }
        request.end();
      };
      sendMore();
    });
  }

  it("answers 413 to a chunked upload past the limit on any route, without reading it to the end", async () => {
    const { port, received } = await guardedReader(64 * 1024);
    // 200 MB announced by nobody: the answer comes long before the upload could finish.
    const response = await chunkedPost(port, 200 * 64);
    expect(response.status).toBe(413);
    expect(response.body).toContain("Request body too large.");
    expect(received.every((bytes) => bytes <= 64 * 1024)).toBe(true);
  });

  it("passes a chunked body under the limit to the route whole", async () => {
    const { port } = await guardedReader(64 * 1024);
    const response = await chunkedPost(port, 3);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ bytes: 3 * 16 * 1024 });
  });
});
