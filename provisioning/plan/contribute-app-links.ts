import type { AppSpec } from "../technology-spec";
import type { BackendLink, EnvEntry, PortAssignment, ProjectSecrets } from "./project-plan";
import { PORT_VARIABLE, requirePort } from "./ports";

/**
 * What the apps of a stack need to know of each other, by role: a backend allows the frontend's
 * origins (CORS_ORIGINS, both names a browser may use for the printed URL) and signs with the
 * project's app secret (SECRET_KEY, and the framework's own key variable where it has one, such as
 * Laravel's APP_KEY). The values live in .env; the backend's container gets them by reference. The
 * starters read them (docs/decisions/010-backend-starters.md). A frontend gets the backend's URL in
 * the view its calling code has: the host-port URL for code in the browser, the service name for
 * server-side code in the Compose network.
 */
export function contributeAppLinks(options: {
  backend: AppSpec | undefined;
  frontend: AppSpec | undefined;
  ports: PortAssignment;
  secrets: ProjectSecrets;
}): {
  env: EnvEntry[];
  backendEnvironment: Record<string, string>;
  frontendEnvironment: Record<string, string>;
  backendLink: BackendLink | null;
} {
  const { backend, frontend } = options;
  const hasBackend = backend !== undefined;
  const hasFrontend = frontend !== undefined;
  const env: EnvEntry[] = [];
  if (hasBackend && hasFrontend) {
    const port = requirePort(options.ports, "frontend");
    env.push({ key: "CORS_ORIGINS", value: `http://127.0.0.1:${port},http://localhost:${port}` });
  }
  if (hasBackend) {
    env.push({ key: "SECRET_KEY", value: options.secrets.app });
    if (backend.signingKey) {
      // The same 32 bytes in standard base64, the form frameworks decode (Laravel: "base64:...").
      const standard = Buffer.from(options.secrets.app, "base64url").toString("base64");
      env.push({ key: backend.signingKey.variable, value: `${backend.signingKey.prefix}${standard}` });
    }
  }
  const backendEnvironment = Object.fromEntries(
    env.flatMap((entry) => ("key" in entry ? [[entry.key, `\${${entry.key}}`]] : [])),
  );
  let backendLink: BackendLink | null = null;
  if (backend && frontend?.backendUrl) {
    const { variable, view } = frontend.backendUrl;
    backendLink = {
      variable,
      view,
      value:
        view === "browser"
          ? `http://127.0.0.1:\${${PORT_VARIABLE.app}}`
          : `http://${backend.folder}:${backend.containerPort}`,
    };
  }
  const frontendEnvironment = backendLink ? { [backendLink.variable]: backendLink.value } : {};
  return { env, backendEnvironment, frontendEnvironment, backendLink };
}
