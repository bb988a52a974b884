import type { CompatibilityRule, StackCategory } from "../server/shared/stack";

/**
 * The technology catalogue and its compatibility rules as data. `npm run db:seed` (and every start)
 * upserts them into the database, which is what the app reads. To add a technology: add an entry
 * here and its files under provisioning/technologies/<category>/<slug>/.
 */

/** Bump when an entry changes; generated projects record it in their manifest. */
export const CATALOGUE_VERSION = 1;

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type CatalogueEntry = {
  category: StackCategory;
  slug: string;
  label: string;
  description: string;
  /** The provisioning engine's metadata; its shape is checked by provisioning/technology-spec.ts. */
  provisioning: { [key: string]: JsonValue };
};

export const TECHNOLOGIES: CatalogueEntry[] = [
  { category: "backend", slug: "laravel", label: "Laravel", description: "PHP framework with Eloquent ORM and Blade templates.", provisioning: {} },
  { category: "backend", slug: "django", label: "Django", description: "Python framework with an ORM, admin and templates.", provisioning: {} },
  { category: "backend", slug: "fastapi", label: "FastAPI", description: "Python API framework with typed, async endpoints.", provisioning: {} },
  { category: "backend", slug: "express", label: "Express", description: "Minimal Node.js HTTP framework.", provisioning: {} },
  { category: "backend", slug: "nestjs", label: "NestJS", description: "Structured Node.js framework in TypeScript.", provisioning: {} },
  { category: "database", slug: "postgresql", label: "PostgreSQL", description: "Relational database, the safe default.", provisioning: {} },
  { category: "database", slug: "mysql", label: "MySQL", description: "Widely hosted relational database.", provisioning: {} },
  { category: "database", slug: "mongodb", label: "MongoDB", description: "Document database with flexible schemas.", provisioning: {} },
  { category: "database", slug: "sqlite", label: "SQLite", description: "A database in one file, no server to run.", provisioning: {} },
  { category: "frontend", slug: "nextjs", label: "Next.js", description: "React framework with server rendering and API routes.", provisioning: {} },
  { category: "frontend", slug: "react", label: "React", description: "Single-page app built with Vite.", provisioning: {} },
  { category: "frontend", slug: "vue", label: "Vue", description: "Progressive single-page app framework, built with Vite.", provisioning: {} },
  { category: "frontend", slug: "angular", label: "Angular", description: "Full single-page app framework from Google.", provisioning: {} },
  { category: "css", slug: "tailwind", label: "Tailwind CSS", description: "Utility-first CSS classes in your markup.", provisioning: {} },
  { category: "css", slug: "bootstrap", label: "Bootstrap", description: "Ready-made components and a responsive grid.", provisioning: {} },
];

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
