import type { Toolchain } from "../technology-spec";
import type { ComposeService, ConnectionInfo, EnvEntry, PlannedUrl } from "./project-plan";

/**
 * What a database contributes to the plan, and what it hands to every app: the variables, volumes
 * and start-up order an app container needs to reach it. The "no database" case is the empty one.
 */
export type DatabaseWiring = {
  label: string | null;
  env: EnvEntry[];
  services: Record<string, ComposeService>;
  volumes: string[];
  urls: PlannedUrl[];
  ignoreLines: string[];
  keptEmptyFolders: string[];
  /** Files setup.sh creates empty when they are missing (the SQLite database). */
  emptyFiles: string[];
  /** Files of the database's technology folder the project gets (into `folder`), or none. */
  files: { filesFrom: string; folder: string } | null;
  connection: ConnectionInfo;
  /** Variables every app container gets on top of .env (the in-network view of the database). */
  appEnvironment: Record<string, string>;
  appVolumes: string[];
  appDependsOn: ComposeService["depends_on"];
  /** The driver packages an app of each toolchain needs (technology-spec.ts, driversSchema). */
  drivers: Partial<Record<Toolchain, string[]>>;
  /** The system packages the image of an app of each toolchain needs to install those drivers. */
  driverBuildPackages: Partial<Record<Toolchain, string[]>>;
};

export const NO_DATABASE: DatabaseWiring = {
  label: null,
  env: [],
  services: {},
  volumes: [],
  urls: [],
  ignoreLines: [],
  keptEmptyFolders: [],
  emptyFiles: [],
  files: null,
  connection: { kind: "none" },
  appEnvironment: {},
  appVolumes: [],
  appDependsOn: undefined,
  drivers: {},
  driverBuildPackages: {},
};
