import type { FileDatabaseSpec } from "../technology-spec";
import type { DatabaseWiring } from "./database-wiring";

/**
 * A database that is a file in the project (SQLite): no service, no credentials. Its folder is
 * mounted into every app container, and kept in git without the database itself.
 */
export function contributeFileDatabase(options: { label: string; spec: FileDatabaseSpec }): DatabaseWiring {
  const { spec, label } = options;
  const hostPath = `${spec.folder}/${spec.file}`;
  const containerPath = `${spec.containerFolder}/${spec.file}`;
  return {
    label,
    env: [
      { comment: `${label}: a file in this project, no server and no password` },
      { key: "DB_CONNECTION", value: spec.driverName },
      { key: "DB_DATABASE", value: hostPath },
      { key: "DATABASE_URL", value: `${spec.urlScheme}:///${hostPath}` },
    ],
    services: {},
    volumes: [],
    urls: [],
    files: null,
    ignoreLines: [spec.ignore],
    keptEmptyFolders: [spec.folder],
    emptyFiles: [hostPath],
    connection: {
      kind: "file",
      databaseName: spec.file,
      file: hostPath,
      connectionUrl: `${spec.urlScheme}:///${hostPath}`,
    },
    appEnvironment: {
      DB_CONNECTION: "${DB_CONNECTION}",
      DB_DATABASE: containerPath,
      DATABASE_URL: `${spec.urlScheme}:///${containerPath}`,
    },
    appVolumes: [`./${spec.folder}:${spec.containerFolder}`],
    appDependsOn: undefined,
    drivers: spec.drivers,
    driverBuildPackages: spec.driverBuildPackages,
  };
}
