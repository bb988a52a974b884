import { STACK_CATEGORIES, type Catalogue, type CompatibilityRule, type StackCategory } from "./stack";
import { technologySpecSchema, type TechnologySpec, type TechnologySpecInput } from "./technology-spec";
import { CSS_PACKAGES, DRIVER_PACKAGES, GENERATORS, IMAGES } from "./versions";

/**
 * The technology catalogue and its compatibility rules as data. `npm run db:seed` (and every start)
 * upserts them into the database, which is what the app reads. To add a technology: add an entry
 * here and its files under provisioning/technologies/<category>/<slug>/.
 */

/** Bump when an entry changes; generated projects record it in their manifest. */
export const CATALOGUE_VERSION = 4;

export type CatalogueEntry = {
  category: StackCategory;
  slug: string;
  label: string;
  description: string;
  /** The provisioning engine's metadata, typed and parsed by provisioning/technology-spec.ts. */
  provisioning: TechnologySpecInput;
};

const node = IMAGES.node;

type CssSteps = Record<string, { image?: string; command: string[] }[]>;

/**
 * A frontend on Node: its generator (run in the app's own toolchain image), the port its dev server
 * listens on, and how each CSS framework is added to it.
 */
function nodeFrontend(
  containerPort: number,
  command: string[],
  cssSteps: CssSteps,
  backendUrl: { variable: string; view: "browser" | "network" },
  healthPath = "/",
): TechnologySpecInput {
  return {
    healthPath,
    backendUrl,
    kind: "app",
    toolchain: "node",
    folder: "frontend",
    containerPort,
    workdir: "/app",
    generator: { command },
    cssSteps,
    containerOnlyPaths: ["/app/node_modules"],
  };
}

// --save-exact: the app's package.json records the pinned version, not a range around it. Without
// an image, a step runs in the app's own toolchain image, as its generator does: one image per app.
const npmInstall = (...packages: string[]) => ({
  command: ["npm", "install", "--save-exact", "--no-audit", "--no-fund", ...packages],
});
const npmRun = (script: string) => ({ command: ["npm", "run", script] });
/** A step of an app that is not on Node (Django, Laravel) that needs Node: it runs in the Node image. */
const inNodeImage = (step: { command: string[] }) => ({ image: node, ...step });
const bootstrapFromNpm = [npmInstall(CSS_PACKAGES.bootstrap)];

/** Tailwind through its PostCSS plugin, for frameworks whose build runs PostCSS (Next.js, Angular). */
const POSTCSS_CSS_STEPS: CssSteps = {
  tailwind: [npmInstall(CSS_PACKAGES.tailwindcss, CSS_PACKAGES.tailwindPostcss, CSS_PACKAGES.postcss)],
  bootstrap: bootstrapFromNpm,
};

/** A single-page app scaffolded by create-vite from one of its templates (React and Vue share it). */
function viteFrontend(template: string): TechnologySpecInput {
  return nodeFrontend(
    5173,
    ["npx", "--yes", GENERATORS.createVite, ".", "--template", template, "--no-interactive"],
    {
      tailwind: [npmInstall(CSS_PACKAGES.tailwindcss, CSS_PACKAGES.tailwindVite)],
      bootstrap: bootstrapFromNpm,
    },
    // Vite hands VITE_* variables to code in the browser: read when the dev server starts or at build.
    { variable: "VITE_API_URL", view: "browser" },
  );
}

export const TECHNOLOGIES: CatalogueEntry[] = [
  {
    category: "backend",
    slug: "laravel",
    label: "Laravel",
    description: "PHP framework with Eloquent ORM and Blade templates.",
    provisioning: {
      kind: "app",
      toolchain: "php",
      folder: "backend",
      containerPort: 8000,
      workdir: "/var/www/html",
      // Created by Composer inside the app's own toolchain image: the PHP it runs on.
      generator: {
        command: ["composer", "create-project", "--no-interaction", "--prefer-dist", GENERATORS.laravel, "."],
      },
      // Laravel's skeleton builds its CSS with Vite: the chosen framework, pinned, then that build, in
      // the Node image at setup (public/build). "none" needs no build: its welcome page links no CSS.
      cssSteps: {
        tailwind: [npmInstall(CSS_PACKAGES.tailwindcss, CSS_PACKAGES.tailwindVite), npmRun("build")].map(
          inNodeImage,
        ),
        bootstrap: [npmInstall(CSS_PACKAGES.bootstrap), npmRun("build")].map(inNodeImage),
      },
      signingKey: { variable: "APP_KEY", prefix: "base64:" },
      // --force: no confirmation prompt, setup.sh runs it unattended.
      migrateCommand: ["php", "artisan", "migrate", "--force"],
      // Laravel's own health route (bootstrap/app.php), answered once the app boots.
      healthPath: "/up",
    },
  },
  {
    category: "backend",
    slug: "django",
    label: "Django",
    description: "Python framework with an ORM, admin and templates.",
    provisioning: {
      kind: "app",
      toolchain: "python",
      folder: "backend",
      containerPort: 8000,
      workdir: "/app",
      // The Python packages for Tailwind and Bootstrap cannot be fetched where projects are checked:
      // the CSS is built in the Node image at setup into config/static/, which Django serves.
      cssSteps: {
        tailwind: [
          npmInstall(CSS_PACKAGES.tailwindcss, CSS_PACKAGES.tailwindCli),
          {
            command: [
              "npx",
              "--no-install",
              "@tailwindcss/cli",
              "-i",
              "config/tailwind.css",
              "-o",
              "config/static/app.css",
              "--minify",
            ],
          },
        ].map(inNodeImage),
        bootstrap: [
          npmInstall(CSS_PACKAGES.bootstrap),
          {
            command: [
              "sh",
              "-c",
              "mkdir -p config/static && cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map config/static/",
            ],
          },
        ].map(inNodeImage),
      },
      // settings.py defaults DEBUG to false: the generated .env turns it on for development only.
      developmentEnvironment: { DEBUG: "true" },
      migrateCommand: ["python", "manage.py", "migrate"],
      healthPath: "/health",
    },
  },
  {
    category: "backend",
    slug: "fastapi",
    label: "FastAPI",
    description: "Python API framework with typed, async endpoints.",
    provisioning: {
      kind: "app",
      toolchain: "python",
      folder: "backend",
      containerPort: 8000,
      workdir: "/app",
      healthPath: "/health",
    },
  },
  {
    category: "backend",
    slug: "express",
    label: "Express",
    description: "Minimal Node.js HTTP framework.",
    provisioning: {
      kind: "app",
      toolchain: "node",
      folder: "backend",
      containerPort: 3000,
      workdir: "/app",
      healthPath: "/health",
      containerOnlyPaths: ["/app/node_modules"],
    },
  },
  {
    category: "backend",
    slug: "nestjs",
    label: "NestJS",
    description: "Structured Node.js framework in TypeScript.",
    provisioning: {
      kind: "app",
      toolchain: "node",
      folder: "backend",
      containerPort: 3000,
      workdir: "/app",
      healthPath: "/health",
      containerOnlyPaths: ["/app/node_modules"],
    },
  },
  {
    category: "database",
    slug: "postgresql",
    label: "PostgreSQL",
    description: "Relational database, the safe default.",
    provisioning: {
      kind: "server-database",
      image: IMAGES.postgres,
      containerPort: 5432,
      dataPath: "/var/lib/postgresql/data",
      urlScheme: "postgresql",
      driverName: "pgsql",
      drivers: { node: [DRIVER_PACKAGES.pg] },
      environment: {
        POSTGRES_DB: "DB_DATABASE",
        POSTGRES_USER: "DB_USERNAME",
        POSTGRES_PASSWORD: "DB_PASSWORD",
      },
      // -h: over TCP, so the temporary server the image runs while it initialises (socket only) does not count.
      healthcheck: ["CMD-SHELL", 'pg_isready -h 127.0.0.1 -U "$${POSTGRES_USER}" -d "$${POSTGRES_DB}"'],
      admin: {
        image: IMAGES.adminer,
        containerPort: 8080,
        environment: { ADMINER_DEFAULT_SERVER: "database" },
        // Adminer's login form preselects MySQL; this link preselects PostgreSQL and the user.
        urlQuery: "?pgsql=database&username={user}&db={database}",
      },
    },
  },
  {
    category: "database",
    slug: "mysql",
    label: "MySQL",
    description: "Widely hosted relational database.",
    provisioning: {
      kind: "server-database",
      image: IMAGES.mysql,
      containerPort: 3306,
      dataPath: "/var/lib/mysql",
      urlScheme: "mysql",
      driverName: "mysql",
      drivers: { node: [DRIVER_PACKAGES.mysql2] },
      environment: {
        MYSQL_DATABASE: "DB_DATABASE",
        MYSQL_USER: "DB_USERNAME",
        MYSQL_PASSWORD: "DB_PASSWORD",
      },
      // The root account is never needed by the app: MySQL gives it a random password nobody holds.
      fixedEnvironment: { MYSQL_RANDOM_ROOT_PASSWORD: "yes" },
      healthcheck: [
        "CMD-SHELL",
        'mysqladmin ping -h 127.0.0.1 -u"$${MYSQL_USER}" -p"$${MYSQL_PASSWORD}" --silent',
      ],
      admin: {
        image: IMAGES.adminer,
        containerPort: 8080,
        environment: { ADMINER_DEFAULT_SERVER: "database" },
        urlQuery: "?server=database&username={user}&db={database}",
      },
    },
  },
  {
    category: "database",
    slug: "mongodb",
    label: "MongoDB",
    description: "Document database with flexible schemas.",
    provisioning: {
      kind: "server-database",
      image: IMAGES.mongo,
      containerPort: 27017,
      dataPath: "/data/db",
      urlScheme: "mongodb",
      driverName: "mongodb",
      drivers: { node: [DRIVER_PACKAGES.mongodb] },
      // The root account only initialises the database; the app's user (created by the init script in
      // technologies/database/mongodb/init/) may read and write its own database and nothing else.
      rootPassword: true,
      initFolder: "/docker-entrypoint-initdb.d",
      environment: {
        MONGO_INITDB_DATABASE: "DB_DATABASE",
        MONGO_INITDB_ROOT_PASSWORD: "DB_ROOT_PASSWORD",
        DB_DATABASE: "DB_DATABASE",
        DB_USERNAME: "DB_USERNAME",
        DB_PASSWORD: "DB_PASSWORD",
      },
      fixedEnvironment: { MONGO_INITDB_ROOT_USERNAME: "root" },
      // Over the container's own address: while it initialises (root user, init scripts) the image runs
      // a temporary server on 127.0.0.1 only, which must not count as ready.
      healthcheck: [
        "CMD-SHELL",
        'mongosh --quiet --host "$$(hostname -i)" --eval \'db.adminCommand("ping")\'',
      ],
      admin: {
        image: IMAGES.mongoExpress,
        containerPort: 8081,
        environment: {
          // As the app's own user, in the app's own database (where the init script created the user):
          // the admin UI sees and changes what the app may, never the other databases nor the users.
          ME_CONFIG_MONGODB_URL: "mongodb://${DB_USERNAME}:${DB_PASSWORD}@database:27017/${DB_DATABASE}",
          // The image turns admin mode on, which lists every database: a right the app's user lacks.
          ME_CONFIG_MONGODB_ENABLE_ADMIN: "false",
          // Without it mongo-express answers anyone on its port with root access.
          ME_CONFIG_BASICAUTH: "true",
          ME_CONFIG_BASICAUTH_USERNAME: "${DB_USERNAME}",
          ME_CONFIG_BASICAUTH_PASSWORD: "${DB_PASSWORD}",
        },
      },
    },
  },
  {
    category: "database",
    slug: "sqlite",
    label: "SQLite",
    description: "A database in one file, no server to run.",
    provisioning: {
      kind: "file-database",
      urlScheme: "sqlite",
      driverName: "sqlite",
      drivers: { node: [DRIVER_PACKAGES.betterSqlite3] },
      // better-sqlite3 compiles its native addon where it cannot download a prebuilt one (node-gyp).
      driverBuildPackages: { node: ["python3", "make", "g++"] },
      folder: "data",
      file: "database.sqlite",
      containerFolder: "/data",
      ignore: "data/*.sqlite",
    },
  },
  {
    category: "frontend",
    slug: "nextjs",
    label: "Next.js",
    description: "React framework with server rendering and API routes.",
    provisioning: nodeFrontend(
      3000,
      // --no-tailwind: Tailwind is added by its CSS step only when it is the chosen CSS framework.
      [
        "npx",
        "--yes",
        GENERATORS.createNextApp,
        ".",
        "--ts",
        "--eslint",
        "--app",
        "--use-npm",
        "--no-tailwind",
        "--no-src-dir",
        "--disable-git",
        "--yes",
      ],
      POSTCSS_CSS_STEPS,
      // Its page calls the backend from the server, at request time, inside the Compose network.
      { variable: "API_URL", view: "network" },
      // The route handler Launchpad lays over the generated app (technologies/frontend/nextjs/overlay/).
      "/api/health",
    ),
  },
  {
    category: "frontend",
    slug: "react",
    label: "React",
    description: "Single-page app built with Vite.",
    provisioning: viteFrontend("react-ts"),
  },
  {
    category: "frontend",
    slug: "vue",
    label: "Vue",
    description: "Progressive single-page app framework, built with Vite.",
    provisioning: viteFrontend("vue-ts"),
  },
  {
    category: "frontend",
    slug: "angular",
    label: "Angular",
    description: "Full single-page app framework from Google.",
    provisioning: nodeFrontend(
      4200,
      ["npx", "--yes", GENERATORS.angularCli, "new", "app", "--directory", ".", "--skip-git", "--defaults"],
      POSTCSS_CSS_STEPS,
      // Compiled into the browser code when `ng serve` starts or `ng build` runs (its Dockerfile).
      { variable: "API_URL", view: "browser" },
    ),
  },
  {
    category: "css",
    slug: "tailwind",
    label: "Tailwind CSS",
    description: "Utility-first CSS classes in your markup.",
    provisioning: { kind: "css" },
  },
  {
    category: "css",
    slug: "bootstrap",
    label: "Bootstrap",
    description: "Ready-made components and a responsive grid.",
    provisioning: { kind: "css" },
  },
];

/** A catalogue entry with its engine metadata parsed (defaults filled in). */
export type CatalogueTechnology = Omit<CatalogueEntry, "provisioning"> & { spec: TechnologySpec };

/**
 * The catalogue as the engine reads it. Parsed once, when the module loads: an entry that breaks its
 * schema stops Launchpad at start with the entry's name, instead of failing one stack's provisioning.
 */
export const CATALOGUE: readonly CatalogueTechnology[] = TECHNOLOGIES.map(({ provisioning, ...entry }) => {
  const parsed = technologySpecSchema.safeParse(provisioning);
  if (!parsed.success) {
    throw new Error(`Catalogue entry ${entry.category}/${entry.slug} is invalid: ${parsed.error.message}`);
  }
  return { ...entry, spec: parsed.data };
});

/** The catalogue's choices and rules as the stack validation reads them (the seeded rows hold the same). */
export function catalogueChoices(): Catalogue {
  return {
    technologies: Object.fromEntries(
      STACK_CATEGORIES.map((category) => [
        category,
        CATALOGUE.filter((tech) => tech.category === category).map(({ slug, label, description }) => ({
          slug,
          label,
          description,
        })),
      ]),
    ) as Catalogue["technologies"],
    rules: COMPATIBILITY_RULES,
  };
}

/** The entry for a category's slug, or undefined when the catalogue has none. */
export function findTechnology(category: StackCategory, slug: string): CatalogueTechnology | undefined {
  return CATALOGUE.find((tech) => tech.category === category && tech.slug === slug);
}

/** Backends that render their own pages (the only ones a CSS framework may style without a frontend). */
export const HTML_RENDERING_BACKENDS = ["laravel", "django"];

export const COMPATIBILITY_RULES: CompatibilityRule[] = [
  {
    code: "nothing-to-run",
    reason: "Choose a backend or a frontend: otherwise there is nothing to run.",
    conditions: [
      { category: "backend", in: ["none"] },
      { category: "frontend", in: ["none"] },
    ],
  },
  {
    code: "css-needs-html",
    reason: "A CSS framework needs a frontend, or a backend that renders HTML (Laravel or Django).",
    conditions: [
      { category: "css", notIn: ["none"] },
      { category: "frontend", in: ["none"] },
      { category: "backend", notIn: HTML_RENDERING_BACKENDS },
    ],
  },
  {
    code: "database-needs-server",
    reason:
      "A database needs a backend, or a frontend that runs on a server (Next.js): code in the browser cannot reach it.",
    conditions: [
      { category: "database", notIn: ["none"] },
      { category: "backend", in: ["none"] },
      { category: "frontend", notIn: ["nextjs"] },
    ],
  },
  {
    code: "laravel-no-mongodb",
    reason:
      "Laravel reaches MongoDB only through the mongodb/laravel-mongodb package, which Launchpad does not set up yet: choose PostgreSQL, MySQL or SQLite with Laravel.",
    conditions: [
      { category: "backend", in: ["laravel"] },
      { category: "database", in: ["mongodb"] },
    ],
  },
  {
    code: "django-no-mongodb",
    reason: "Django's ORM does not support MongoDB: choose PostgreSQL, MySQL or SQLite with Django.",
    conditions: [
      { category: "backend", in: ["django"] },
      { category: "database", in: ["mongodb"] },
    ],
  },
];
