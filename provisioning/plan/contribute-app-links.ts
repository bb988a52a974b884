import type { EnvEntry, PortAssignment, ProjectSecrets } from "./project-plan";
import { requirePort } from "./ports";

/**
 * What the apps of a stack need to know of each other, by role: a backend allows the frontend's
 * origins (CORS_ORIGINS, both names a browser may use for the printed URL) and signs with the
 * project's app secret (SECRET_KEY, and the framework's own key variable where it has one, such as
 * Laravel's APP_KEY). The values live in .env; the backend's container gets them by reference. The
 * starters read them (docs/decisions/010-backend-starters.md).
 */
export function contributeAppLinks(options: {
  apps: ("backend" | "frontend")[];
  ports: PortAssignment;
  secrets: ProjectSecrets;
  signingKey: { variable: string; prefix: string } | undefined;
}): { env: EnvEntry[]; backendEnvironment: Record<string, string> } {
  const hasBackend = options.apps.includes("backend");
  const hasFrontend = options.apps.includes("frontend");
  const env: EnvEntry[] = [];
  if (hasBackend && hasFrontend) {
    const port = requirePort(options.ports, "frontend");
    env.push({ key: "CORS_ORIGINS", value: `http://127.0.0.1:${port},http://localhost:${port}` });
  }
  if (hasBackend) {
    env.push({ key: "SECRET_KEY", value: options.secrets.app });
    if (options.signingKey) {
      // The same 32 bytes in standard base64, the form frameworks decode (Laravel: "base64:...").
      const standard = Buffer.from(options.secrets.app, "base64url").toString("base64");
      env.push({ key: options.signingKey.variable, value: `${options.signingKey.prefix}${standard}` });
    }
  }
  const backendEnvironment = Object.fromEntries(
    env.flatMap((entry) => ("key" in entry ? [[entry.key, `\${${entry.key}}`]] : [])),
  );
  return { env, backendEnvironment };
}
