import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * A git server of the tests' own: `git http-backend` (the real smart-HTTP server of git) behind an
 * https server on 127.0.0.1 with a self-signed certificate, which lets a request through only with
 * the expected token (HTTP Basic, any user name, as GitHub and GitLab take access tokens). Repositories
 * are bare ones under `root`, created with `createRepository`.
 */
export async function startGitHttpsServer(token: string) {
  const root = await mkdtemp(path.join(os.tmpdir(), "launchpad-git-server-"));
  const keyFile = path.join(root, "key.pem");
  const certificateFile = path.join(root, "cert.pem");
  await run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "1",
    "-subj",
    "/CN=127.0.0.1",
    "-addext",
    "subjectAltName=IP:127.0.0.1",
    "-keyout",
    keyFile,
    "-out",
    certificateFile,
  ]);
  const expected = `Basic ${Buffer.from(`launchpad:${token}`).toString("base64")}`;
  const seenAuthorizations: string[] = [];

  const server: Server = createServer(
    { key: await readFile(keyFile), cert: await readFile(certificateFile) },
    (request, response) => {
      const authorization = request.headers.authorization ?? "";
      seenAuthorizations.push(authorization);
      if (authorization !== expected) {
        response.writeHead(401, { "www-authenticate": 'Basic realm="tests"' });
        response.end("bad token");
        return;
      }
      const url = new URL(request.url ?? "/", "https://127.0.0.1");
      const backend = spawn("git", ["http-backend"], {
        env: {
          PATH: process.env.PATH,
          GIT_PROJECT_ROOT: root,
          GIT_HTTP_EXPORT_ALL: "1",
          REMOTE_USER: "launchpad",
          REQUEST_METHOD: request.method,
          PATH_INFO: url.pathname,
          QUERY_STRING: url.search.slice(1),
          CONTENT_TYPE: request.headers["content-type"] ?? "",
          HTTP_CONTENT_ENCODING: request.headers["content-encoding"] ?? "",
          GIT_PROTOCOL: String(request.headers["git-protocol"] ?? ""),
        } as unknown as NodeJS.ProcessEnv,
        stdio: ["pipe", "pipe", "ignore"],
      });
      request.pipe(backend.stdin);
      // CGI: headers, a blank line, then the body.
      let head = Buffer.alloc(0);
      let headersDone = false;
      backend.stdout.on("data", (chunk: Buffer) => {
        if (headersDone) return void response.write(chunk);
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf("\r\n\r\n");
        if (end === -1) return;
        headersDone = true;
        let status = 200;
        for (const line of head.subarray(0, end).toString().split("\r\n")) {
          const [name, ...rest] = line.split(":");
          const value = rest.join(":").trim();
          if (name!.toLowerCase() === "status") status = Number(value.split(" ")[0]);
          else response.setHeader(name!, value);
        }
        response.writeHead(status);
        response.write(head.subarray(end + 4));
      });
      backend.on("close", () => response.end());
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    root,
    certificateFile,
    host: `127.0.0.1:${port}`,
    seenAuthorizations,
    urlOf: (name: string) => `https://127.0.0.1:${port}/${name}`,
    /** A bare repository that takes pushes; returns its folder. */
    async createRepository(name: string): Promise<string> {
      const folder = path.join(root, name);
      await run("git", ["init", "--quiet", "--bare", folder]);
      await run("git", ["--git-dir", folder, "config", "http.receivepack", "true"]);
      return folder;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
