import type { AppSpec, ContainerStep } from "../technology-spec";
import { ALWAYS_DOCKER_IGNORED, TOOLCHAIN_FACTS } from "../toolchains";
import { appPortPurpose, PORT_VARIABLE, requirePort } from "./ports";
import type { ComposeService, EnvEntry, PlannedApp, PlannedUrl, PortAssignment } from "./project-plan";

export const ENV_FILE = ".env";

/** The container runs as the host's user, so files it writes into the mounted code stay the user's. */
export const HOST_USER = "${HOST_UID:-1000}:${HOST_GID:-1000}";

export type AppContribution = {
  app: PlannedApp;
  service: ComposeService;
  env: EnvEntry[];
  url: PlannedUrl;
  ignoreLines: string[];
  directories: string[];
  /** Where the container-only volumes (node_modules) are mounted inside the app's bind-mounted folder. */
  mountPoints: string[];
};

/**
 * A backend or frontend: a service built from its folder's Dockerfile with the app's code mounted,
 * its host port, a healthcheck on its own URL, and only the variables it needs (`environment`: the
 * database wiring for the app that talks to the database, the links for a backend). `cssSteps` are
 * the chosen CSS framework's steps when this app is the one it styles.
 */
export function contributeApp(options: {
  category: PlannedApp["category"];
  slug: string;
  label: string;
  spec: AppSpec;
  ports: PortAssignment;
  environment: Record<string, string>;
  volumes: string[];
  dependsOn: ComposeService["depends_on"];
  /** The CSS framework this app is styled with, or "none"; `cssSteps` add it. */
  css: string;
  cssSteps: ContainerStep[];
  /** The packages of the database this app talks to, for its toolchain. */
  drivers: string[];
  /** The system packages its image needs to install those drivers. */
  buildPackages: string[];
}): AppContribution {
  const { spec } = options;
  const toolchain = TOOLCHAIN_FACTS[spec.toolchain];
  const purpose = appPortPurpose(spec.folder);
  const variable = PORT_VARIABLE[purpose];
  const port = requirePort(options.ports, purpose);
  const development = Object.entries(spec.developmentEnvironment);
  return {
    app: {
      category: options.category,
      slug: options.slug,
      label: options.label,
      toolchain: spec.toolchain,
      folder: spec.folder,
      filesFrom: `${options.category}/${options.slug}`,
      generator: spec.generator ?? null,
      css: options.css,
      cssSteps: options.cssSteps,
      drivers: options.drivers,
      buildPackages: options.buildPackages,
      driverSteps:
        spec.generator && options.drivers.length > 0
          ? [{ command: toolchain.addPackages(options.drivers) }]
          : [],
      migrateCommand: spec.migrateCommand ?? null,
      dockerIgnore: [
        ...ALWAYS_DOCKER_IGNORED.map((pattern) => `**/${pattern}`),
        ...toolchain.ignoredPaths.map((path) => `app/${path}`),
      ],
    },
    service: {
      build: { context: `./${spec.folder}` },
      user: HOST_USER,
      environment: {
        ...toolchain.runtimeEnvironment,
        ...options.environment,
        ...Object.fromEntries(development.map(([key]) => [key, `\${${key}}`])),
      },
      ports: [`127.0.0.1:\${${variable}}:${spec.containerPort}`],
      volumes: [`./${spec.folder}/app:${spec.workdir}`, ...spec.containerOnlyPaths, ...options.volumes],
      healthcheck: {
        test: toolchain.healthcheck(`http://127.0.0.1:${spec.containerPort}${spec.healthPath}`),
        interval: "5s",
        timeout: "5s",
        retries: 60,
        start_period: "30s",
      },
      ...(options.dependsOn ? { depends_on: options.dependsOn } : {}),
    },
    env: [
      { key: variable, value: String(port) },
      ...(development.length > 0
        ? [
            { comment: `${options.label} in development mode: remove or set to false anywhere else` },
            ...development.map(([key, value]) => ({ key, value })),
          ]
        : []),
    ],
    url: { label: `${options.label} (${spec.folder})`, url: `http://127.0.0.1:${port}`, variable },
    ignoreLines: [
      ...toolchain.ignoredPaths.map((line) => `${spec.folder}/app/${line}`),
      // What a failed setup.sh run leaves while creating the app; the next run replaces it.
      ...(spec.generator ? [`${spec.folder}/app.creating/`] : []),
    ],
    directories: spec.generator ? [`${spec.folder}/app`] : [],
    mountPoints: spec.containerOnlyPaths
      .filter((containerPath) => containerPath.startsWith(`${spec.workdir}/`))
      .map((containerPath) => `${spec.folder}/app/${containerPath.slice(spec.workdir.length + 1)}`),
  };
}
