import type { AppSpec, ContainerStep } from "../technology-spec";
import { TOOLCHAIN_FACTS } from "../toolchains";
import type { DatabaseWiring } from "./database-wiring";
import { appPortPurpose, PORT_VARIABLE, requirePort } from "./ports";
import type { ComposeService, EnvEntry, PlannedApp, PlannedUrl, PortAssignment } from "./project-plan";

export const ENV_FILE = ".env";

export type AppContribution = {
  app: PlannedApp;
  service: ComposeService;
  env: EnvEntry[];
  url: PlannedUrl;
  ignoreLines: string[];
  directories: string[];
};

/**
 * A backend or frontend: a service built from its folder's Dockerfile with the app's code mounted,
 * its host port, and the database wiring every app gets. `cssSteps` are the chosen CSS framework's
 * steps when this app is the one it styles (provisioning/plan/contribute-css.ts).
 */
export function contributeApp(options: {
  category: PlannedApp["category"];
  slug: string;
  label: string;
  spec: AppSpec;
  ports: PortAssignment;
  database: DatabaseWiring;
  cssSteps: ContainerStep[];
}): AppContribution {
  const { spec, database } = options;
  const purpose = appPortPurpose(spec.folder);
  const variable = PORT_VARIABLE[purpose];
  const port = requirePort(options.ports, purpose);
  const hasDatabaseEnvironment = Object.keys(database.appEnvironment).length > 0;
  return {
    app: {
      category: options.category,
      slug: options.slug,
      label: options.label,
      toolchain: spec.toolchain,
      folder: spec.folder,
      filesFrom: `${options.category}/${options.slug}`,
      generator: spec.generator ?? null,
      cssSteps: options.cssSteps,
    },
    service: {
      build: { context: `./${spec.folder}` },
      restart: "unless-stopped",
      env_file: [ENV_FILE],
      ...(hasDatabaseEnvironment ? { environment: database.appEnvironment } : {}),
      ports: [`127.0.0.1:\${${variable}}:${spec.containerPort}`],
      volumes: [`./${spec.folder}/app:${spec.workdir}`, ...spec.containerOnlyPaths, ...database.appVolumes],
      ...(database.appDependsOn ? { depends_on: structuredClone(database.appDependsOn) } : {}),
    },
    env: [{ key: variable, value: String(port) }],
    url: { label: `${options.label} (${spec.folder})`, url: `http://127.0.0.1:${port}`, variable },
    ignoreLines: TOOLCHAIN_FACTS[spec.toolchain].ignoredPaths.map((line) => `${spec.folder}/app/${line}`),
    directories: spec.generator ? [`${spec.folder}/app`] : [],
  };
}
