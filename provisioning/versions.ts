/**
 * Every version a generated project depends on that Launchpad chooses: images, generators and the
 * CSS packages the setup steps install. The catalogue and the technology folders' Dockerfiles (through
 * `{{image:<name>}}`) take them from here, and launchpad.json records them, so the same stack gives
 * the same project until this file changes. How to bump them: docs/decisions/011-pinned-versions.md.
 * Starters written here pin their own dependencies in their lockfile or requirements.txt.
 *
 * npm packages were checked with `npm view <name>@<version>` and run on Node 20 and 22. Images and
 * Composer packages cannot be checked from Launchpad's build machines: each names where its tag was
 * seen published.
 */

/**
 * Docker images, each to a full version. Where each tag was seen listed (2026-12-03), none of them
 * pulled here (no image registry can be reached from Launchpad's build machines):
 * node, postgres: the official images' supported-tags lists, github.com/docker-library/docs
 * <name>/README.md ("22.23.3-trixie-slim"; "17.11-trixie"); php: the same list (2026-11-28);
 * python: docker-library/python 3.12/slim-trixie/Dockerfile (Python 3.12.15);
 * composer, mysql, mongo, adminer, mongo-express: github.com/docker-library/repo-info,
 * repos/<name>/ (tag details). mongo-express is deprecated upstream and 1.0.2-20 is its last tag.
 *
 * Images that a generated Dockerfile builds FROM or that setup.sh runs commands in (node, python,
 * php) are Debian-based (trixie), with apt-get where a package is needed: an Alpine image cannot be
 * stood in for from Debian where no registry can be reached. Images run as published (the
 * databases, their admin UIs, composer) keep their official tag; PostgreSQL's is its Debian variant.
 * provisioning/image-tags.test.ts holds every generated file to this.
 */
export const IMAGES = {
  // Node 22 LTS: the generators below and the apps run on it.
  node: "node:22.23.3-trixie-slim",
  python: "python:3.12.15-slim-trixie",
  // Laravel 13 needs PHP 8.3 or newer; the app is created and run on this same image.
  php: "php:8.3.35-cli-trixie",
  composer: "composer:2.10.3",
  postgres: "postgres:17.11-trixie",
  mysql: "mysql:8.4.11",
  mongo: "mongo:8.0.32-noble",
  adminer: "adminer:5.5.1",
  mongoExpress: "mongo-express:1.0.2-20-alpine3.19",
} as const;
export type ImageName = keyof typeof IMAGES;

/**
 * The frameworks' own generators, run by setup.sh in the app's toolchain image. laravel/laravel
 * v13.9.0 (2026-08-12) is listed on github.com/laravel/laravel/releases; it requires PHP ^8.3.
 */
export const GENERATORS = {
  createVite: "create-vite@9.3.0",
  createNextApp: "create-next-app@16.4.3",
  // Angular 22's CLI refuses Node 20, where these projects are checked; 21 runs on Node 20.19+ and 22.
  // Not 21.2.28: its `ng new` asks for @angular/build ^21.2.28, which was never published (ETARGET).
  angularCli: "@angular/cli@21.2.27",
  laravel: "laravel/laravel:13.9.0",
} as const;

/** npm packages the CSS steps install, each to an exact version. */
export const CSS_PACKAGES = {
  tailwindcss: "tailwindcss@4.3.5",
  tailwindVite: "@tailwindcss/vite@4.3.5",
  tailwindPostcss: "@tailwindcss/postcss@4.3.5",
  tailwindCli: "@tailwindcss/cli@4.3.5",
  postcss: "postcss@8.5.33",
  bootstrap: "bootstrap@5.3.9",
} as const;

/**
 * Database drivers installed into apps a generator creates (the starters written here have them in
 * their own lockfiles, at these same versions).
 */
export const DRIVER_PACKAGES = {
  pg: "pg@8.23.1",
  mysql2: "mysql2@3.24.6",
  betterSqlite3: "better-sqlite3@12.9.0",
  mongodb: "mongodb@7.9.0",
} as const;

/** What launchpad.json records. */
export const PINNED_VERSIONS = {
  images: IMAGES,
  generators: GENERATORS,
  cssPackages: CSS_PACKAGES,
  driverPackages: DRIVER_PACKAGES,
};
