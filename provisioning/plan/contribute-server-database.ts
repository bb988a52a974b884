import type { ServerDatabaseSpec } from "../technology-spec";
import type { DatabaseWiring } from "./database-wiring";
import { PORT_VARIABLE, requirePort } from "./ports";
import type { DatabaseCredentials, PortAssignment, ProjectSecrets } from "./project-plan";

/** Where a database's own files (first-start scripts) go in the project. */
const DATABASE_FOLDER = "database";

/**
 * A database server in its own container: its service with a healthcheck and a named volume, an
 * admin UI beside it, the credentials in .env (host view) and, for the apps, the in-network view
 * (host "database", the container port).
 */
export function contributeServerDatabase(options: {
  slug: string;
  label: string;
  spec: ServerDatabaseSpec;
  credentials: DatabaseCredentials;
  secrets: ProjectSecrets;
  ports: PortAssignment;
}): DatabaseWiring {
  const { spec, label } = options;
  const { databaseName, databaseUser, password } = options.credentials;
  const port = requirePort(options.ports, "database");
  const adminPort = requirePort(options.ports, "admin");
  // Named after the engine: after a change of database, the new engine never opens the old one's files.
  const volume = `${options.slug}-data`;
  const adminPath = spec.admin.urlQuery
    .replace("{user}", encodeURIComponent(databaseUser))
    .replace("{database}", encodeURIComponent(databaseName));
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
      ...(spec.rootPassword ? [{ key: "DB_ROOT_PASSWORD", value: options.secrets.databaseRoot }] : []),
      { key: PORT_VARIABLE.admin, value: String(adminPort) },
    ],
    services: {
      database: {
        image: spec.image,
        environment: {
          ...Object.fromEntries(
            Object.entries(spec.environment).map(([name, variable]) => [name, `\${${variable}}`]),
          ),
          ...spec.fixedEnvironment,
        },
        volumes: [
          `${volume}:${spec.dataPath}`,
          ...(spec.initFolder ? [`./${DATABASE_FOLDER}/init:${spec.initFolder}:ro`] : []),
        ],
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
        environment: spec.admin.environment,
        ports: [`127.0.0.1:\${${PORT_VARIABLE.admin}}:${spec.admin.containerPort}`],
        depends_on: { database: { condition: "service_healthy" } },
      },
    },
    volumes: [volume],
    urls: [
      {
        label: "Database admin",
        url: `http://127.0.0.1:${adminPort}/${adminPath}`,
        variable: PORT_VARIABLE.admin,
        // setup.sh fills {user} and {database} in from .env: its content stays the same for every
        // project of a stack, so its checks' verdicts can be reused.
        path: `/${spec.admin.urlQuery}`,
      },
    ],
    files: spec.initFolder ? { filesFrom: `database/${options.slug}`, folder: DATABASE_FOLDER } : null,
    ignoreLines: [],
    keptEmptyFolders: [],
    emptyFiles: [],
    connection: {
      kind: "server",
      databaseName,
      databaseUser,
      password,
      host: "127.0.0.1",
      port,
      connectionUrl: hostUrl,
    },
    // The app reaches the database inside the Compose network; the credentials stay in .env.
    appEnvironment: {
      DB_CONNECTION: "${DB_CONNECTION}",
      DB_HOST: "database",
      DB_PORT: String(spec.containerPort),
      DB_DATABASE: "${DB_DATABASE}",
      DB_USERNAME: "${DB_USERNAME}",
      DB_PASSWORD: "${DB_PASSWORD}",
      DATABASE_URL: `${spec.urlScheme}://\${DB_USERNAME}:\${DB_PASSWORD}@database:${spec.containerPort}/\${DB_DATABASE}${spec.urlQuery}`,
    },
    appVolumes: [],
    appDependsOn: { database: { condition: "service_healthy" } },
    drivers: spec.drivers,
    driverBuildPackages: spec.driverBuildPackages,
  };
}
