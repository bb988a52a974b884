import { z } from "zod";

/**
 * What the provisioning engine knows about a technology: the `provisioning` field of its catalogue
 * entry (provisioning/catalogue.ts), parsed with these schemas when the module loads, so a bad entry
 * fails the type check or the start, not the first save of that stack. The engine reads only these
 * fields: a new technology is a catalogue entry and its folder provisioning/technologies/<category>/
 * <slug>/, and a new kind of technology is one more schema here and one contribution function in
 * provisioning/plan/.
 *
 * Values are catalogue data written by Launchpad's maintainers, never text typed by users.
 */

/**
 * The language runtime an app is built with. Facts that depend on a pair (an app and a database,
 * an app and its ignore lines) are keyed by toolchain, never by a technology's name.
 */
export const TOOLCHAINS = ["node", "python", "php"] as const;
export type Toolchain = (typeof TOOLCHAINS)[number];

/**
 * A command that setup.sh runs in a throwaway container with the app's folder mounted: in `image`,
 * or, without one, in the app's own toolchain image (its Dockerfile's `toolchain` stage), so an app
 * is created on the very runtime it runs on.
 */
const containerStepSchema = z.object({
  image: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._/-]*:[A-Za-z0-9._-]+$/, "an image with an exact tag")
    .optional(),
  command: z.array(z.string().min(1)).min(1),
});

/**
 * What a database asks of an app of each toolchain that talks to it: its driver packages (added to
 * apps a generator makes; Launchpad's starters have a manifest and lockfile per driver set in their
 * folder's drivers/<set>/), and the system packages, by Debian's names, the app's image needs to
 * install them (a native build where no prebuilt binary can be downloaded), or none.
 */
const driversSchema = z.partialRecord(z.enum(TOOLCHAINS), z.array(z.string())).default({});

/** A backend or frontend: a service built from the Dockerfile in its technology folder. */
const appSpecSchema = z.object({
  kind: z.literal("app"),
  toolchain: z.enum(TOOLCHAINS),
  containerPort: z.number().int().min(1).max(65535),
  /** The folder of the project that holds this service, relative to the project root. */
  folder: z.enum(["backend", "frontend"]),
  /** Where the app's code sits inside the container (the folder's app/ is mounted there). */
  workdir: z.string().startsWith("/"),
  /**
   * The framework's own generator, which setup.sh runs to create the app. Absent when the starter
   * ships in the technology folder's app/ and Launchpad writes it.
   */
  generator: containerStepSchema.optional(),
  /**
   * How each CSS framework is added to this app, run once after the app exists; `builtInCss` lists
   * those the app already has. provisioning/catalogue.test.ts checks every allowed pair is covered.
   */
  cssSteps: z.record(z.string(), z.array(containerStepSchema).min(1)).default({}),
  builtInCss: z.array(z.string()).default([]),
  /** Container paths kept out of the source mount (dependencies installed in the image). */
  containerOnlyPaths: z.array(z.string().startsWith("/")).default([]),
  /**
   * The framework's own signing key, besides SECRET_KEY: the .env variable and how the project's
   * secret is written into it (Laravel's APP_KEY is "base64:" and standard base64).
   */
  signingKey: z.object({ variable: z.string().regex(/^[A-Z][A-Z0-9_]*$/), prefix: z.string() }).optional(),
  /**
   * Variables that put the framework in development mode, written into .env (which says they are for
   * development) and passed to the app's container. The app's own default is the safe one.
   */
  developmentEnvironment: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string()).default({}),
  /** The framework's command that applies database migrations, run in the app's container. */
  migrateCommand: z.array(z.string()).optional(),
  /** The path that answers once the app is up (its container's healthcheck). */
  healthPath: z.string().startsWith("/").default("/"),
  /**
   * For a frontend that calls the backend: the variable that carries the backend's URL, and whose
   * view of it that is: "browser" (code running in the user's browser: the host-port URL) or
   * "network" (server-side code inside the Compose network: the backend's service name).
   */
  backendUrl: z
    .object({ variable: z.string().regex(/^[A-Z][A-Z0-9_]*$/), view: z.enum(["browser", "network"]) })
    .optional(),
});

/** A database that runs as a container, with an admin UI beside it. */
const serverDatabaseSpecSchema = z.object({
  kind: z.literal("server-database"),
  image: z.string(),
  containerPort: z.number().int().min(1).max(65535),
  dataPath: z.string().startsWith("/"),
  /** URL scheme of DATABASE_URL (postgresql, mysql, mongodb), and what follows the database name. */
  urlScheme: z.string().regex(/^[a-z][a-z0-9+]*$/),
  urlQuery: z.string().default(""),
  /** DB_CONNECTION value, the name Laravel and several other frameworks use for the driver. */
  driverName: z.string(),
  /** Container variables, each taken from the named .env variable. */
  environment: z.record(z.string(), z.string()),
  /** Container variables with fixed values. */
  fixedEnvironment: z.record(z.string(), z.string()).default({}),
  healthcheck: z.array(z.string()).min(2),
  drivers: driversSchema,
  driverBuildPackages: driversSchema,
  /** The image needs a root password of its own (DB_ROOT_PASSWORD in .env); apps never use it. */
  rootPassword: z.boolean().default(false),
  /** Where the image runs first-start scripts; the technology folder's init/ is mounted there. */
  initFolder: z.string().startsWith("/").optional(),
  admin: z.object({
    image: z.string(),
    containerPort: z.number().int().min(1).max(65535),
    /** Values may reference .env variables as ${NAME}; the engine checks every one is defined. */
    environment: z.record(z.string(), z.string()).default({}),
    /** Appended to the admin URL; {user} and {database} are the project's. */
    urlQuery: z.string().default(""),
  }),
});

/** A database that is a file in the project (SQLite): no container, no credentials. */
const fileDatabaseSpecSchema = z.object({
  kind: z.literal("file-database"),
  urlScheme: z.string(),
  driverName: z.string(),
  /** The project folder that holds the file; git-ignored but for its own .gitignore. */
  folder: z.string().regex(/^[A-Za-z0-9._-]+$/),
  /** The file's name inside `folder`. */
  file: z.string().regex(/^[A-Za-z0-9._-]+$/),
  /** Where `folder` is mounted in app containers. */
  containerFolder: z.string().regex(/^\/[A-Za-z0-9._/-]+$/),
  /** A .gitignore pattern for the database files, relative to the project root. */
  ignore: z.string(),
  drivers: driversSchema,
  driverBuildPackages: driversSchema,
});

/** A CSS framework: the app it styles says how it is added (bootstrap.cssSteps / builtInCss). */
const cssSpecSchema = z.object({ kind: z.literal("css") });

export const technologySpecSchema = z.discriminatedUnion("kind", [
  appSpecSchema,
  serverDatabaseSpecSchema,
  fileDatabaseSpecSchema,
  cssSpecSchema,
]);
/** An entry's metadata as written in the catalogue (defaults may be left out). */
export type TechnologySpecInput = z.input<typeof technologySpecSchema>;
export type TechnologySpec = z.infer<typeof technologySpecSchema>;
export type AppSpec = z.infer<typeof appSpecSchema>;
export type ServerDatabaseSpec = z.infer<typeof serverDatabaseSpecSchema>;
export type FileDatabaseSpec = z.infer<typeof fileDatabaseSpecSchema>;
export type ContainerStep = z.infer<typeof containerStepSchema>;
