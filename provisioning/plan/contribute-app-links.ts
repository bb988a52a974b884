import type { EnvEntry, PlannedApp, PortAssignment } from "./project-plan";
import { requirePort } from "./ports";

/**
 * What the apps of a stack need to know of each other, by role: a backend allows the frontend's
 * origins (CORS_ORIGINS, both names a browser may use for the printed URL) and signs with the
 * project's app secret (SECRET_KEY). The starters read these (docs/decisions/007-backend-starters.md).
 */
export function contributeAppLinks(options: {
  apps: PlannedApp[];
  ports: PortAssignment;
  appSecret: string;
}): EnvEntry[] {
  const hasBackend = options.apps.some((app) => app.folder === "backend");
  const hasFrontend = options.apps.some((app) => app.folder === "frontend");
  const env: EnvEntry[] = [];
  if (hasBackend && hasFrontend) {
    const port = requirePort(options.ports, "frontend");
    env.push({ key: "CORS_ORIGINS", value: `http://127.0.0.1:${port},http://localhost:${port}` });
  }
  if (hasBackend) env.push({ key: "SECRET_KEY", value: options.appSecret });
  return env;
}
