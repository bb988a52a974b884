import type { ServerDatabaseSpec } from "../technology-spec";
import type { DatabaseWiring } from "./database-wiring";
import { PORT_VARIABLE, requirePort } from "./ports";
import type { DatabaseCredentials, PortAssignment } from "./project-plan";

/**
 * A database server in its own container: its service with a healthcheck and a named volume, an
 * admin UI beside it, the credentials in .env (host view) and, for the apps, the in-network view
 * (host "database", the container port).
 */
export function contributeServerDatabase(options: {
  label: string;
  spec: ServerDatabaseSpec;
  credentials: DatabaseCredentials;
  ports: PortAssignment;
}): DatabaseWiring {
  const { spec, label } = options;
  const { databaseName, databaseUser, password } = options.credentials;
  const port = requirePort(options.ports, "database");
  const adminPort = requirePort(options.ports, "admin");
  const hostUrl = `${spec.urlScheme}://${databaseUser}:${password}@127.0.0.1:${port}/${databaseName}${spec.urlQuery}`;
  return {
    label,
    env: [
      { comment: `${label}, as seen from this machine (containers reach it as host "database")` },
      { key: "DB_CONNECTION", value: spec.driverName },
      { key: "DB_HOST", value: "127.0.0.1" },
      { key: "DB_PORT", value: String(port) },
      { key: "DB_DATABASE", value: databaseName },
      { key: "DB_USERNAME", value: databaseUser },
      { key: "DB_PASSWORD", value: password },
      { key: "DATABASE_URL", value: hostUrl },
      { key: PORT_VARIABLE.admin, value: String(adminPort) },
    ],
    services: {
      database: {
        image: spec.image,
        restart: "unless-stopped",
        environment: {
          ...Object.fromEntries(
            Object.entries(spec.environment).map(([name, variable]) => [name, `\${${variable}}`]),
          ),
          ...spec.fixedEnvironment,
        },
        volumes: [`database-data:${spec.dataPath}`],
        ports: [`127.0.0.1:\${${PORT_VARIABLE.database}}:${spec.containerPort}`],
        healthcheck: {
          test: spec.healthcheck,
          interval: "5s",
          timeout: "5s",
          retries: 30,
          start_period: "10s",
        },
      },
      admin: {
        image: spec.admin.image,
        restart: "unless-stopped",
        environment: spec.admin.environment,
        ports: [`127.0.0.1:\${${PORT_VARIABLE.admin}}:${spec.admin.containerPort}`],
        depends_on: { database: { condition: "service_healthy" } },
      },
    },
    volumes: ["database-data"],
    urls: [{ label: "Database admin", url: `http://127.0.0.1:${adminPort}`, variable: PORT_VARIABLE.admin }],
    ignoreLines: [],
    keptEmptyFolders: [],
    connection: {
      kind: "server",
      databaseName,
      databaseUser,
      password,
      host: "127.0.0.1",
      port,
      connectionUrl: hostUrl,
    },
    appEnvironment: {
      DB_HOST: "database",
      DB_PORT: String(spec.containerPort),
      DATABASE_URL: `${spec.urlScheme}://\${DB_USERNAME}:\${DB_PASSWORD}@database:${spec.containerPort}/\${DB_DATABASE}${spec.urlQuery}`,
    },
    appVolumes: [],
    appDependsOn: { database: { condition: "service_healthy" } },
  };
}
