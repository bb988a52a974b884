import type { Stack, StackCategory } from "../stack";
import type { ContainerStep, Toolchain } from "../technology-spec";
import type { PINNED_VERSIONS } from "../versions";

/**
 * The project model: everything Launchpad will generate for one stack, decided before any file is
 * written. `planProject()` builds it from the catalogue; each renderer in provisioning/render/ turns
 * it into one file; "Show credentials", a preview or a CLI read it without rendering anything.
 */

/** What a host port is for; one per purpose and project (the PortAllocation table keys on it). */
export const PORT_PURPOSES = ["app", "frontend", "database", "admin"] as const;
export type PortPurpose = (typeof PORT_PURPOSES)[number];
/** The host ports handed to the project, by purpose. */
export type PortAssignment = Partial<Record<PortPurpose, number>>;

/** A line of .env: a variable, or a comment that explains the lines below it. */
export type EnvEntry = { key: string; value: string } | { comment: string };

/** One service of docker-compose.yml, with the keys in the order they are written. */
export type ComposeService = {
  image?: string;
  build?: { context: string };
  user?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  healthcheck?: { test: string[]; interval: string; timeout: string; retries: number; start_period: string };
  depends_on?: Record<string, { condition: "service_healthy" | "service_started" }>;
};

/** How the project's apps reach their database, as shown to the user ("Show credentials"). */
export type ConnectionInfo =
  | { kind: "none" }
  | { kind: "file"; databaseName: string; file: string; connectionUrl: string }
  | {
      kind: "server";
      databaseName: string;
      databaseUser: string;
      password: string;
      host: string;
      port: number;
      connectionUrl: string;
    };

/**
 * Secrets made from Launchpad's key and the project (never stored): `app` signs the apps' sessions
 * (SECRET_KEY and the framework's own key), `databaseRoot` is a database image's root password.
 * base64url, 43 characters.
 */
export type ProjectSecrets = { app: string; databaseRoot: string };

/** The generated credentials of a server database (the password is stored encrypted). */
export type DatabaseCredentials = { databaseName: string; databaseUser: string; password: string };

/** A backend or frontend of the project. */
export type PlannedApp = {
  category: StackCategory;
  slug: string;
  label: string;
  toolchain: Toolchain;
  /** The project folder of the app ("backend" or "frontend"); its code lives in `<folder>/app`. */
  folder: "backend" | "frontend";
  /** Where its static files (Dockerfile, starter code) come from: provisioning/technologies/<this>/. */
  filesFrom: string;
  /** The framework's generator that creates the app; null when Launchpad writes the starter. */
  generator: ContainerStep | null;
  /**
   * The CSS framework this app is styled with ("none" when the stack has none or it styles another
   * app): which `css/<choice>/` files of its technology folder the project gets.
   */
  css: string;
  /** The steps that add the chosen CSS framework to this app (empty when none or built in). */
  cssSteps: ContainerStep[];
  /**
   * The driver packages of the database this app talks to (none when it talks to none): a starter
   * gets its folder's drivers/<set>/ manifest and lockfile (render/app-files.ts), an app a generator
   * makes gets `driverSteps`.
   */
  drivers: string[];
  /** System packages its image installs for those drivers (its Dockerfile's {{driver-build-tools}}). */
  buildPackages: string[];
  /**
   * The steps that add the database's driver to an app a generator makes (Launchpad's starters ship
   * with theirs), run in the app's toolchain image after the CSS steps.
   */
  driverSteps: ContainerStep[];
  /** The framework's command that applies database migrations, or null when it has none. */
  migrateCommand: string[] | null;
  /** The lines of the app folder's .dockerignore (its build context). */
  dockerIgnore: string[];
};

/**
 * How the frontend finds the backend: the variable its container gets, in the view of the code that
 * calls (the browser: the host-port URL; server-side code: the backend's service name), and its
 * value in docker-compose.yml.
 */
export type BackendLink = { variable: string; view: "browser" | "network"; value: string };

/**
 * A URL printed by setup.sh and listed in the README; `variable` is its port's .env variable and
 * `path` what follows the port, where setup.sh replaces {user} and {database} with DB_USERNAME and
 * DB_DATABASE from .env.
 */
export type PlannedUrl = { label: string; url: string; variable: string; path?: string };

export type ProjectPlan = {
  /** The project as the user named it; the slug is also its folder and Compose project name. */
  project: { slug: string; name: string; description: string };
  stack: Stack;
  /** The chosen technologies (no "none"), in category order, with the labels the README shows. */
  technologies: { category: StackCategory; slug: string; label: string }[];
  /** Label of the database for sentences ("The PostgreSQL credentials ..."), or null without one. */
  databaseLabel: string | null;
  /** When the plan was made and which catalogue and templates it was made from (launchpad.json). */
  generatedAt: Date;
  catalogueVersion: number;
  templateVersion: number;
  /** Host ports by purpose, and the .env variable that carries each. */
  ports: { purpose: PortPurpose; variable: string; port: number }[];
  /** The lines of .env, in file order. */
  env: EnvEntry[];
  /** docker-compose.yml's services, in file order, and its named volumes. */
  services: Record<string, ComposeService>;
  volumes: string[];
  apps: PlannedApp[];
  /** The frontend's link to the backend, when the stack has both and the frontend calls it. */
  backendLink: BackendLink | null;
  /** The database technology's own files (first-start scripts), copied into the project. */
  databaseFiles: { filesFrom: string; folder: string } | null;
  /** The .env port variables setup.sh checks before it starts anything. */
  portVariables: string[];
  urls: PlannedUrl[];
  /** The lines of the project's .gitignore. */
  ignoreLines: string[];
  /** Folders that stay in git while their content is ignored (the SQLite folder). */
  keptEmptyFolders: string[];
  /** Folders that must exist even while empty (an app's folder waiting for its generator). */
  directories: string[];
  /** Files setup.sh creates empty when they are missing (the SQLite database). */
  emptyFiles: string[];
  /**
   * Folders setup.sh creates as the user before the containers start: where a container-only volume
   * is mounted inside a bind-mounted app folder. Docker would create them as root on the host.
   */
  mountPoints: string[];
  /** The exact versions of images, generators and packages the project was planned with. */
  versions: typeof PINNED_VERSIONS;
  connection: ConnectionInfo;
};
