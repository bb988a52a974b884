import "server-only";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./shared/account";

/**
 * Every setting Launchpad reads from the environment, parsed once. A bad value stops the process at
 * start-up with a message that names the variable, instead of failing later somewhere deep. No other
 * module reads `process.env` (tests and benchmarks read their own knobs).
 */
const port = z.coerce.number().int().min(1).max(65535);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
      .optional(),
    PROJECTS_DIR: z.string().min(1).default("projects"),
    LAUNCHPAD_DATA_DIR: z.string().min(1).default(".data"),
    LAUNCHPAD_SECRET_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, "must be 32 bytes in base64 (openssl rand -base64 32)")
      .optional(),
    /** The address the server binds to. */
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: port.default(3000),
    /**
     * The address people type to reach Launchpad. Requests for any other host name are refused (DNS
     * rebinding), so set it when Launchpad is reached under a name other than localhost.
     */
    LAUNCHPAD_URL: z
      .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
      .refine((value) => ["", "/"].includes(new URL(value).pathname) && !new URL(value).search, {
        error: "must be an origin only (scheme, host and port), without a path",
      })
      .optional(),
    /**
     * IP addresses of reverse proxies whose X-Forwarded-* / Forwarded headers are believed (comma
     * separated). Empty: those headers are removed from every request.
     */
    LAUNCHPAD_TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((part) => part.trim())
          .filter(Boolean),
      )
      .refine((list) => list.every((address) => isIP(address) !== 0), {
        error: "must be a comma-separated list of IP addresses",
      }),
    /** Passed to the `next build` the launcher may run: no telemetry unless asked for. */
    NEXT_TELEMETRY_DISABLED: z.string().default("1"),
    PROVISION_TIMEOUT_MS: z.coerce.number().int().min(1).default(300_000),
    /** The shellcheck program the setup.sh check runs (default: shellcheck on PATH). */
    PROVISION_SHELLCHECK: z.string().min(1).optional(),
    PROVISION_PORT_RANGE_START: port.default(20_000),
    PROVISION_PORT_RANGE_END: port.default(29_999),
    /**
     * How long a run's claim holds without renewal (renewed every third of it while the run works):
     * after an instance dies, its runs are failed this long after its last renewal (issue 25).
     */
    PROVISION_LEASE_MS: z.coerce.number().int().min(300).default(30_000),
    /** The git program that records each run in the project's repository (default: git on PATH). */
    PROVISION_GIT: z.string().min(1).optional(),
    /** Who Launchpad's commits are by, as `Name <email>`. */
    LAUNCHPAD_GIT_AUTHOR: z
      .string()
      .regex(/^[^<>\n]+ <[^<>\s]+>$/, "must read Name <email>")
      .default("Launchpad <launchpad@localhost>"),
    /**
     * The hosts a project's git remote may be on (comma separated, exact names such as github.com).
     * Empty: no project can have a remote, so no member can make Launchpad call another server.
     */
    LAUNCHPAD_GIT_REMOTE_HOSTS: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((part) => part.trim().toLowerCase())
          .filter(Boolean),
      ),
    /** How long an archived project can be restored; then the daily job purges it (issue 29). */
    LAUNCHPAD_ARCHIVE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /** `auto` skips the bind test of new host ports inside a container, where it tests the wrong host. */
    PROVISION_PORT_BIND_CHECK: z.enum(["auto", "on", "off"]).default("auto"),
    /** On SIGTERM: how long runs in flight may still take before they are failed and the process exits. */
    LAUNCHPAD_STOP_TIMEOUT_MS: z.coerce.number().int().min(0).default(20_000),
    /** The first admin, created at start when no account exists yet (automation, Compose). */
    LAUNCHPAD_ADMIN_EMAIL: z.email({ error: "must be an email address" }).optional(),
    LAUNCHPAD_ADMIN_PASSWORD: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`)
      .optional(),
    /** Sign-in attempts allowed per client address within the window, then 429 until it ends. */
    LAUNCHPAD_SIGN_IN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
    LAUNCHPAD_SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
    /** Wrong passwords in a row for one account, from any address, before each attempt must wait. */
    LAUNCHPAD_SIGN_IN_ACCOUNT_FREE_FAILURES: z.coerce.number().int().min(1).default(5),
    /** The longest wait the per-account back-off imposes (it doubles from 2 s up to this). */
    LAUNCHPAD_SIGN_IN_BACKOFF_MAX_SECONDS: z.coerce.number().int().min(1).default(900),
    /** How long an invite link works, in hours. */
    LAUNCHPAD_INVITE_LIFETIME_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(72),
    /**
     * Calls of the open procedures (setup, invite, password reset links) allowed per client address
     * within the window, then 429 until it ends; counted in the database.
     */
    LAUNCHPAD_LINK_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
    LAUNCHPAD_LINK_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
    /** What one person may start per window: new projects and provisioning runs (saves, re-provisions). */
    LAUNCHPAD_USER_MAX_PROJECTS: z.coerce.number().int().min(1).default(10),
    LAUNCHPAD_USER_MAX_RUNS: z.coerce.number().int().min(1).default(30),
    LAUNCHPAD_USER_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
    /** Password hashes one process runs at once for each of sign-ins and the rest (default: the cores). */
    LAUNCHPAD_PASSWORD_HASH_SLOTS: z.coerce.number().int().min(1).max(64).optional(),
  })
  .refine((env) => Boolean(env.LAUNCHPAD_ADMIN_EMAIL) === Boolean(env.LAUNCHPAD_ADMIN_PASSWORD), {
    message: "LAUNCHPAD_ADMIN_EMAIL and LAUNCHPAD_ADMIN_PASSWORD are set together or not at all",
    path: ["LAUNCHPAD_ADMIN_EMAIL"],
  })
  .refine((env) => env.PROVISION_PORT_RANGE_START <= env.PROVISION_PORT_RANGE_END, {
    message: "PROVISION_PORT_RANGE_START must not be above PROVISION_PORT_RANGE_END",
    path: ["PROVISION_PORT_RANGE_START"],
  });

export type Env = z.infer<typeof envSchema> & {
  projectsDir: string;
  dataDir: string;
  /** LAUNCHPAD_URL's origin, `http://localhost:PORT` by default. */
  publicOrigin: string;
  /** Origins the browser may send (LAUNCHPAD_URL's and the loopback names on PORT). */
  allowedOrigins: string[];
};

/** Parses `source` (the process environment by default); throws one readable error for all problems. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable counts as unset: Compose passes `${NAME:-}` through as "" when NAME is not set.
  const set = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(set);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment configuration:\n${problems.join("\n")}`);
  }
  const publicOrigin = new URL(result.data.LAUNCHPAD_URL ?? `http://localhost:${result.data.PORT}`).origin;
  return {
    ...result.data,
    projectsDir: path.resolve(result.data.PROJECTS_DIR),
    dataDir: path.resolve(result.data.LAUNCHPAD_DATA_DIR),
    publicOrigin,
    allowedOrigins: [
      ...new Set([
        publicOrigin,
        ...["localhost", "127.0.0.1", "[::1]"].map((name) => `http://${name}:${result.data.PORT}`),
      ]),
    ],
  };
}

let cached: Env | undefined;

/** The parsed environment of this process. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** The environment of the `next build` the launcher may run: this process's, telemetry as configured. */
export function nextBuildEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: env().NEXT_TELEMETRY_DISABLED };
}

/**
 * The one hand-off from the launcher to the Next.js server it runs in the same process: the URL of
 * the embedded database, which exists only once the launcher has started it. Next.js bundles its own
 * copy of this module, so a module variable would not be seen there; a registered symbol on
 * globalThis is the same in both copies. Nothing is written to process.env.
 */
const DATABASE_URL_HANDOFF = Symbol.for("launchpad.databaseUrl");

type HandOff = { [DATABASE_URL_HANDOFF]?: string };

/** Called once by the launcher, before Next.js starts, with the URL of the database it prepared. */
export function handOffDatabaseUrl(url: string): void {
  (globalThis as HandOff)[DATABASE_URL_HANDOFF] = url;
}

/** The database to use: the launcher's hand-off when there is one, DATABASE_URL otherwise. */
export function databaseUrl(): string | undefined {
  return (globalThis as HandOff)[DATABASE_URL_HANDOFF] ?? env().DATABASE_URL;
}
