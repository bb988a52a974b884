import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseDotenv } from "dotenv";
import YAML from "yaml";

/**
 * The environment a generated app's container would get, read back from the project folder:
 * the service's `env_file` entries, then its `environment` interpolated with the project's .env,
 * as Docker Compose does. Then what differs outside Docker: the database is reached on 127.0.0.1 at
 * the real server's port, a file database's container path becomes the project's folder, and the app
 * listens on a free loopback port.
 */
type ComposeService = { env_file?: string[]; environment?: Record<string, string>; volumes?: string[] };

const interpolate = (value: string, env: Record<string, string>) =>
  value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => env[name] ?? "");

export async function containerEnvironment(
  projectDir: string,
  service: string,
): Promise<Record<string, string>> {
  const compose = YAML.parse(await readFile(path.join(projectDir, "docker-compose.yml"), "utf8")) as {
    services: Record<string, ComposeService>;
  };
  const definition = compose.services[service];
  if (!definition) throw new Error(`docker-compose.yml has no "${service}" service`);
  const dotenv = parseDotenv(await readFile(path.join(projectDir, ".env"), "utf8"));
  const result: Record<string, string> = {};
  for (const file of definition.env_file ?? [])
    Object.assign(result, parseDotenv(await readFile(path.join(projectDir, file), "utf8")));
  for (const [name, value] of Object.entries(definition.environment ?? {}))
    result[name] = interpolate(String(value), dotenv);
  return result;
}

/** Host folders of the service's bind mounts, by container path (`./data:/data`). */
export async function bindMounts(projectDir: string, service: string): Promise<Map<string, string>> {
  const compose = YAML.parse(await readFile(path.join(projectDir, "docker-compose.yml"), "utf8")) as {
    services: Record<string, ComposeService>;
  };
  const mounts = new Map<string, string>();
  for (const volume of compose.services[service]?.volumes ?? []) {
    const [source, target] = volume.split(":");
    if (source?.startsWith("./") && target) mounts.set(target, path.join(projectDir, source));
  }
  return mounts;
}

/** Rewrites the container's view to this machine's: database host/port, file paths, PORT, HOST. */
export function nativeEnvironment(
  container: Record<string, string>,
  options: { databasePort: number | null; mounts: Map<string, string>; port: number },
): Record<string, string> {
  const env = { ...container };
  if (options.databasePort !== null) {
    env.DB_HOST = "127.0.0.1";
    env.DB_PORT = String(options.databasePort);
    if (env.DATABASE_URL) {
      const url = new URL(env.DATABASE_URL);
      url.hostname = "127.0.0.1";
      url.port = String(options.databasePort);
      env.DATABASE_URL = url.toString();
    }
  }
  for (const name of ["DATABASE_URL", "DB_DATABASE"]) {
    const value = env[name];
    if (!value) continue;
    for (const [target, source] of options.mounts) {
      // sqlite:////data/x (absolute, in the container) or /data/x
      const prefix = `${target}/`;
      const at = value.indexOf(prefix);
      if (at >= 0 && (at === 0 || value.slice(0, at).endsWith("//")))
        env[name] = `${value.slice(0, at)}${source}/${value.slice(at + prefix.length)}`;
    }
  }
  env.PORT = String(options.port);
  env.HOST = "127.0.0.1";
  return env;
}
