import type { CompatibilityRule, StackCategory } from "../server/shared/stack";
import { technologySpecSchema, type TechnologySpec, type TechnologySpecInput } from "./technology-spec";

/**
 * The technology catalogue and its compatibility rules as data. `npm run db:seed` (and every start)
 * upserts them into the database, which is what the app reads. To add a technology: add an entry
 * here and its files under provisioning/technologies/<category>/<slug>/.
 */

/** Bump when an entry changes; generated projects record it in their manifest. */
export const CATALOGUE_VERSION = 2;

export type CatalogueEntry = {
  category: StackCategory;
  slug: string;
  label: string;
  description: string;
  /** The provisioning engine's metadata, typed and parsed by provisioning/technology-spec.ts. */
  provisioning: TechnologySpecInput;
};

const node = "node:22-alpine";

type CssSteps = Record<string, { image: string; command: string[] }[]>;

/** A frontend on Node: its generator's command, the port its dev server listens on, its CSS steps. */
function nodeFrontend(containerPort: number, command: string[], cssSteps: CssSteps): TechnologySpecInput {
  return {
    kind: "app",
    toolchain: "node",
    folder: "frontend",
    containerPort,
    workdir: "/app",
    generator: { image: node, command },
    cssSteps,
    containerOnlyPaths: ["/app/node_modules"],
  };
}

const bootstrapFromNpm = [{ image: node, command: ["npm", "install", "bootstrap"] }];

/** Tailwind through its PostCSS plugin, for frameworks whose build runs PostCSS (Next.js, Angular). */
const POSTCSS_CSS_STEPS: CssSteps = {
  tailwind: [{ image: node, command: ["npm", "install", "tailwindcss", "@tailwindcss/postcss", "postcss"] }],
  bootstrap: bootstrapFromNpm,
};

/** A single-page app scaffolded by create-vite from one of its templates (React and Vue share it). */
function viteFrontend(template: string): TechnologySpecInput {
  return nodeFrontend(
    5173,
    ["npm", "create", "--yes", "vite@latest", ".", "--", "--template", template, "--no-interactive"],
    {
      tailwind: [{ image: node, command: ["npm", "install", "tailwindcss", "@tailwindcss/vite"] }],
      bootstrap: bootstrapFromNpm,
    },
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
      generator: {
        image: "composer:2",
        command: ["composer", "create-project", "--no-interaction", "--prefer-dist", "laravel/laravel", "."],
      },
      cssSteps: { bootstrap: bootstrapFromNpm },
      // Laravel's starter kit already comes with Tailwind.
      builtInCss: ["tailwind"],
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
      // Until its pages are styled (issue 12), the CSS framework is fetched next to the starter.
      cssSteps: {
        tailwind: [{ image: node, command: ["npm", "install", "tailwindcss", "@tailwindcss/cli"] }],
        bootstrap: bootstrapFromNpm,
      },
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
      image: "postgres:17-alpine",
      containerPort: 5432,
      dataPath: "/var/lib/postgresql/data",
      urlScheme: "postgresql",
      driverName: "pgsql",
      environment: {
        POSTGRES_DB: "DB_DATABASE",
        POSTGRES_USER: "DB_USERNAME",
        POSTGRES_PASSWORD: "DB_PASSWORD",
      },
      healthcheck: ["CMD-SHELL", 'pg_isready -U "$${POSTGRES_USER}" -d "$${POSTGRES_DB}"'],
      admin: { image: "adminer:5", containerPort: 8080, environment: { ADMINER_DEFAULT_SERVER: "database" } },
    },
  },
  {
    category: "database",
    slug: "mysql",
    label: "MySQL",
    description: "Widely hosted relational database.",
    provisioning: {
      kind: "server-database",
      image: "mysql:8.4",
      containerPort: 3306,
      dataPath: "/var/lib/mysql",
      urlScheme: "mysql",
      driverName: "mysql",
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
      admin: { image: "adminer:5", containerPort: 8080, environment: { ADMINER_DEFAULT_SERVER: "database" } },
    },
  },
  {
    category: "database",
    slug: "mongodb",
    label: "MongoDB",
    description: "Document database with flexible schemas.",
    provisioning: {
      kind: "server-database",
      image: "mongo:8",
      containerPort: 27017,
      dataPath: "/data/db",
      urlScheme: "mongodb",
      urlQuery: "?authSource=admin",
      driverName: "mongodb",
      environment: {
        MONGO_INITDB_DATABASE: "DB_DATABASE",
        MONGO_INITDB_ROOT_USERNAME: "DB_USERNAME",
        MONGO_INITDB_ROOT_PASSWORD: "DB_PASSWORD",
      },
      healthcheck: ["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')"],
      admin: {
        image: "mongo-express:1",
        containerPort: 8081,
        environment: {
          ME_CONFIG_MONGODB_URL: "mongodb://${DB_USERNAME}:${DB_PASSWORD}@database:27017/?authSource=admin",
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
      ["npx", "--yes", "create-next-app@latest", ".", "--ts", "--eslint", "--app", "--use-npm", "--yes"],
      POSTCSS_CSS_STEPS,
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
      ["npx", "--yes", "@angular/cli@20", "new", "app", "--directory", ".", "--skip-git", "--defaults"],
      POSTCSS_CSS_STEPS,
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

/** The entry for a category's slug, or undefined when the catalogue has none. */
export function findTechnology(category: StackCategory, slug: string): CatalogueTechnology | undefined {
  return CATALOGUE.find((tech) => tech.category === category && tech.slug === slug);
}

const HTML_RENDERING_BACKENDS = ["laravel", "django"];

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
    code: "django-no-mongodb",
    reason: "Django's ORM does not support MongoDB: choose PostgreSQL, MySQL or SQLite with Django.",
    conditions: [
      { category: "backend", in: ["django"] },
      { category: "database", in: ["mongodb"] },
    ],
  },
];
