import { spawn, type ChildProcess } from "node:child_process";
import { ADMIN_ENV, E2E_ADMIN } from "./accounts";

/**
 * Runs a Launchpad launcher of its own (embedded database, production build) for specs that need to
 * stop or kill the server. It gets its own process group, so `kill` reaches every process of it.
 * Its first start creates the suite's admin (e2e/accounts.ts), as whom `call` signs in.
 */
export class Launcher {
  private child: ChildProcess | undefined;
  private cookie: string | undefined;
  /** Everything the launcher printed since the last start (its log). */
  output = "";
  readonly baseURL: string;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.baseURL = `http://127.0.0.1:${port}`;
  }

  async start(extraEnv: Record<string, string> = {}): Promise<void> {
    // A server left on the port (a bench or test that was killed) would answer in this one's place,
    // with the files of an older build.
    const leftover = await fetch(`${this.baseURL}/`, { redirect: "manual" }).then(
      () => true,
      () => false,
    );
    if (leftover) throw new Error(`Port ${this.port} is already in use: stop what listens there first.`);
    // As `npm start` runs it: one process, which gets the signals itself (docs/decisions/025).
    this.child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "server/cli/start.ts"],
      {
        env: {
          ...process.env,
          PORT: String(this.port),
          HOST: "127.0.0.1",
          ...ADMIN_ENV,
          ...this.env,
          ...extraEnv,
        },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      },
    );
    this.output = "";
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.setEncoding("utf8");
      stream?.on("data", (chunk: string) => (this.output += chunk));
    }
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

  /**
   * SIGTERM for a clean stop, SIGKILL to simulate a crash of the whole server: to the whole process
   * group, or with `leaderOnly` to the launcher alone, as `docker stop` signals a container's first
   * process (its children, such as a running setup.sh check, are left to it).
   */
  async stop(
    signal: "SIGTERM" | "SIGKILL" = "SIGTERM",
    options: { leaderOnly?: boolean } = {},
  ): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null) return;
    // "close": the launcher and every process that shares its output have ended.
    const exited = new Promise((resolve) => child.once("close", resolve));
    process.kill(options.leaderOnly ? child.pid : -child.pid, signal);
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

  /**
   * Signs in as the admin through `POST /api/auth/sign-in/email` and keeps the session for `call`.
   * The session survives restarts: it is in the launcher's database.
   */
  async signIn(): Promise<string> {
    this.cookie = await this.session(E2E_ADMIN);
    return this.cookie;
  }

  /** Signs in as `account` and returns the Cookie header of its new session. */
  async session(account: { email: string; password: string }): Promise<string> {
    // Node's fetch sends Sec-Fetch-Mode, after which Better Auth wants an Origin, as from a browser.
    const response = await fetch(`${this.baseURL}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: this.baseURL },
      body: JSON.stringify(account),
    });
    if (!response.ok)
      throw new Error(
        `sign-in as ${account.email} failed with HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`,
      );
    return response.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
  }

  /**
   * Calls a tRPC procedure over HTTP as the browser does (superjson envelope): as the admin, or in
   * the session of `asCookie`.
   */
  async call<T>(
    procedure: string,
    input: unknown,
    kind: "query" | "mutation",
    asCookie?: string,
  ): Promise<T> {
    const cookie = asCookie ?? this.cookie ?? (await this.signIn());
    const payload = JSON.stringify({ json: input });
    const response =
      kind === "query"
        ? await fetch(`${this.baseURL}/api/trpc/${procedure}?input=${encodeURIComponent(payload)}`, {
            headers: { cookie },
          })
        : await fetch(`${this.baseURL}/api/trpc/${procedure}`, {
            method: "POST",
            headers: { "content-type": "application/json", cookie },
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

/**
 * Makes `count` member accounts through the app (invite links accepted) and signs each in: the
 * benchmarks spread their work over several people, so that nothing per user shapes the figures.
 */
export async function benchMembers(
  launcher: Launcher,
  count: number,
): Promise<{ email: string; cookie: string }[]> {
  const members: { email: string; cookie: string }[] = [];
  for (let i = 0; i < count; i++) {
    const invite = await launcher.call<{ url: string }>("admin.createInvite", { role: "member" }, "mutation");
    const account = { email: `bench-${i}-${Date.now()}@bench.invalid`, password: `bench-password-${i}` };
    await launcher.call(
      "account.acceptInvite",
      { token: invite.url.split("/invite/")[1], name: `Bench ${i}`, ...account },
      "mutation",
    );
    members.push({ email: account.email, cookie: await launcher.session(account) });
  }
  return members;
}
