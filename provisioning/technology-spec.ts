import { z } from "zod";

/**
 * What the provisioning engine needs to know about a technology, stored as JSON in its catalogue row.
 * The engine reads only these fields, so a new technology is a catalogue entry and its files under
 * provisioning/technologies/<category>/<slug>/, with no code branch for it.
 *
 * Values are catalogue data written by Launchpad's maintainers, never text typed by users.
 */

/** A command that setup.sh runs in a throwaway container with the app's folder mounted. */
const containerStepSchema = z.object({
  image: z.string().regex(/^[a-z0-9][a-z0-9._/:-]*$/),
  command: z.array(z.string().min(1)).min(1),
});
export type ContainerStep = z.infer<typeof containerStepSchema>;

/** Creates the app once, while its folder is still empty; then the steps for the chosen CSS framework. */
const bootstrapSchema = containerStepSchema.extend({
  cssSteps: z.record(z.string(), z.array(containerStepSchema)).default({}),
});

/** A backend or frontend: a service built from the Dockerfile in its technology folder. */
const appSpecSchema = z.object({
  kind: z.literal("app"),
  containerPort: z.number().int().min(1).max(65535),
  /** The folder of the project that holds this service, relative to the project root. */
  folder: z.enum(["backend", "frontend"]),
  /** Where the app's code sits inside the container (the folder's app/ is mounted there). */
  workdir: z.string().startsWith("/"),
  bootstrap: bootstrapSchema.optional(),
  /** Container paths kept out of the source mount (dependencies installed in the image). */
  containerOnlyPaths: z.array(z.string().startsWith("/")).default([]),
  /** The path that answers once the app is up, for setup.sh's wait. */
  healthPath: z.string().startsWith("/").default("/"),
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
  admin: z.object({
    image: z.string(),
    containerPort: z.number().int().min(1).max(65535),
    /** Values may reference .env variables as ${NAME}; the engine checks every one is defined. */
    environment: z.record(z.string(), z.string()).default({}),
  }),
});

/** A database that is a file in the project (SQLite): no container, no credentials. */
const fileDatabaseSpecSchema = z.object({
  kind: z.literal("file-database"),
  urlScheme: z.string(),
  driverName: z.string(),
  /** Relative to the project root; mounted into app containers at /data. */
  file: z.string().regex(/^data\/[A-Za-z0-9._-]+$/),
});

/** A CSS framework: it changes how the frontend (or an HTML-rendering backend) is bootstrapped. */
const cssSpecSchema = z.object({ kind: z.literal("css") });

export const technologySpecSchema = z.discriminatedUnion("kind", [
  appSpecSchema,
  serverDatabaseSpecSchema,
  fileDatabaseSpecSchema,
  cssSpecSchema,
]);
export type TechnologySpec = z.infer<typeof technologySpecSchema>;
export type AppSpec = z.infer<typeof appSpecSchema>;
export type ServerDatabaseSpec = z.infer<typeof serverDatabaseSpecSchema>;
export type FileDatabaseSpec = z.infer<typeof fileDatabaseSpecSchema>;
