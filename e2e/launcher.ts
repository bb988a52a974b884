import { spawn, type ChildProcess } from "node:child_process";

/**
 * Runs a Launchpad launcher of its own (embedded database, production build) for specs that need to
 * stop or kill the server. It gets its own process group, so `kill` reaches every process of it.
 */
export class Launcher {
  private child: ChildProcess | undefined;
  readonly baseURL: string;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.baseURL = `http://127.0.0.1:${port}`;
  }

  async start(extraEnv: Record<string, string> = {}): Promise<void> {
    this.child = spawn("node_modules/.bin/tsx", ["--conditions=react-server", "server/cli/start.ts"], {
      env: { ...process.env, PORT: String(this.port), HOST: "127.0.0.1", ...this.env, ...extraEnv },
      stdio: "ignore",
      detached: true,
    });
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (
        await fetch(this.baseURL).then(
          (res) => res.ok,
          () => false,
        )
      )
        return;
      if (this.child.exitCode !== null)
        throw new Error(`the launcher exited with code ${this.child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error("the launcher did not start serving within 90 s");
  }

  /** The process group of the launcher (every process it started). */
  processGroup(): number {
    if (!this.child?.pid) throw new Error("the launcher is not running");
    return this.child.pid;
  }

  /** SIGTERM for a clean stop, SIGKILL to simulate a crash of the whole server. */
  async stop(signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid, signal);
    await exited;
    // With SIGKILL nothing cleans up: wait until the port is free again.
    for (
      let i = 0;
      i < 50 &&
      (await fetch(this.baseURL).then(
        () => true,
        () => false,
      ));
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Calls a tRPC procedure over HTTP, as the browser does (superjson envelope). */
  async call<T>(procedure: string, input: unknown, kind: "query" | "mutation"): Promise<T> {
    const payload = JSON.stringify({ json: input });
    const response =
      kind === "query"
        ? await fetch(`${this.baseURL}/api/trpc/${procedure}?input=${encodeURIComponent(payload)}`)
        : await fetch(`${this.baseURL}/api/trpc/${procedure}`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: payload,
          });
    const body = (await response.json()) as {
      result?: { data: { json: T } };
      error?: { json: { message: string } };
    };
    if (!body.result) throw new Error(`${procedure} failed: ${body.error?.json.message ?? response.status}`);
    return body.result.data.json;
  }
}
