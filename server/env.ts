import "server-only";
import path from "node:path";
import { z } from "zod";

/**
 * Every setting Launchpad reads from the environment, parsed once. A bad value stops the process at
 * start-up with a message that names the variable, instead of failing later somewhere deep.
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
    PORT: port.default(3000),
    PROVISION_TIMEOUT_MS: z.coerce.number().int().min(1).default(300_000),
    /** The shellcheck program the setup.sh check runs (default: shellcheck on PATH). */
    PROVISION_SHELLCHECK: z.string().min(1).optional(),
    PROVISION_PORT_RANGE_START: port.default(20_000),
    PROVISION_PORT_RANGE_END: port.default(29_999),
  })
  .refine((env) => env.PROVISION_PORT_RANGE_START <= env.PROVISION_PORT_RANGE_END, {
    message: "PROVISION_PORT_RANGE_START must not be above PROVISION_PORT_RANGE_END",
    path: ["PROVISION_PORT_RANGE_START"],
  });

export type Env = z.infer<typeof envSchema> & { projectsDir: string; dataDir: string };

/** Parses `source` (the process environment by default); throws one readable error for all problems. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment configuration:\n${problems.join("\n")}`);
  }
  return {
    ...result.data,
    projectsDir: path.resolve(result.data.PROJECTS_DIR),
    dataDir: path.resolve(result.data.LAUNCHPAD_DATA_DIR),
  };
}

let cached: Env | undefined;

/** The parsed environment of this process. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
