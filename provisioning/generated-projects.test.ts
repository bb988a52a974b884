import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { allValidStacks, NONE, type Catalogue, type Stack } from "./stack";
import { validateStack } from "./stack-validation";
import { catalogueChoices, findTechnology } from "./catalogue";
import { generateProjectFiles } from "./render/generate-project-files";
import { CSS_PACKAGES, GENERATORS, IMAGES } from "./versions";

/**
 * What a generated project must get right to run (issue "Generated projects, part 1"), checked on the
 * generated files of every valid stack. Each `describe` names the review item it answers.
 */
const catalogue: Catalogue = catalogueChoices();
const STACKS = allValidStacks(catalogue);

type ComposeService = {
  image?: string;
  user?: string;
  restart?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, unknown>;
};

async function generate(stack: Stack, overrides: { slug?: string; password?: string; port?: number } = {}) {
  const { files } = await generateProjectFiles({
    project: { slug: overrides.slug ?? "check", name: overrides.slug ?? "Check", description: "" },
    stack,
    credentials: {
      databaseName: overrides.slug ?? "check",
      databaseUser: `${overrides.slug ?? "check"}_user`,
      password: overrides.password ?? "P".repeat(32),
    },
    secrets: { app: "a".repeat(43), databaseRoot: "r".repeat(43) },
    ports: {
      app: overrides.port ?? 21_001,
      frontend: (overrides.port ?? 21_001) + 1,
      database: (overrides.port ?? 21_001) + 2,
      admin: (overrides.port ?? 21_001) + 3,
    },
    catalogueVersion: 1,
    generatedAt: new Date(0),
  });
  const file = (name: string) => files.find((f) => f.path === name)?.content;
  const composeText = file("docker-compose.yml") ?? "";
  const compose = YAML.parse(composeText) as { services: Record<string, ComposeService>; volumes?: object };
  return { files, file, composeText, compose };
}

const stack = (backend: string, database: string, frontend: string, css: string): Stack => ({
  backend,
  database,
  frontend,
  css,
});

describe("1-3: Laravel", () => {
  const laravel = findTechnology("backend", "laravel");
  it("is created by Composer in its own toolchain image, the PHP it runs on", async () => {
    expect(laravel?.spec.kind === "app" && laravel.spec.generator?.image).toBe(undefined);
    const { file } = await generate(stack("laravel", "postgresql", NONE, NONE));
    const dockerfile = file("backend/Dockerfile") ?? "";
    expect(dockerfile).toContain(`FROM ${IMAGES.php} AS toolchain`);
    expect(dockerfile).toMatch(/^FROM toolchain AS app$/m);
    expect(dockerfile).toContain(`FROM ${IMAGES.composer} AS composer`);
    expect(file("setup.sh")).toContain(
      `run_in_container 'backend/app.creating' "$toolchain" 'composer' 'create-project'`,
    );
  });

  it("serves requests with the container's environment (artisan serve --no-reload)", async () => {
    const { file } = await generate(stack("laravel", "mysql", NONE, NONE));
    expect(file("backend/Dockerfile")).toMatch(/^CMD \[.*"artisan", "serve".*"--no-reload"\]$/m);
  });

  it("refuses MongoDB with a reason, and its image builds no MongoDB extension", async () => {
    const result = validateStack(catalogue, stack("laravel", "mongodb", NONE, NONE));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.message).toMatch(/mongodb\/laravel-mongodb/);
    const { file } = await generate(stack("laravel", "postgresql", NONE, NONE));
    expect(file("backend/Dockerfile")).not.toMatch(/mongodb/i);
  });

  it("gets APP_KEY from the project's .env: 32 bytes, in the form Laravel decodes", async () => {
    const { file, compose } = await generate(stack("laravel", "postgresql", NONE, NONE));
    const appKey = /^APP_KEY=base64:(.+)$/m.exec(file(".env") ?? "")?.[1] ?? "";
    expect(Buffer.from(appKey, "base64")).toHaveLength(32);
    expect(compose.services.backend?.environment?.APP_KEY).toBe("${APP_KEY}");
  });
});

describe("after start", () => {
  it("applies Laravel's migrations once up (its sessions table), and tells a frontend-only stack where to migrate", async () => {
    const laravel = await generate(stack("laravel", "postgresql", NONE, NONE));
    expect(laravel.file("setup.sh")).toContain(
      "run_in_service 'backend' 'php' 'artisan' 'migrate' '--force'",
    );
    const nextjs = await generate(stack(NONE, "postgresql", "nextjs", NONE));
    expect(nextjs.file("README.md")).toContain("`docker compose exec frontend`");
    expect(nextjs.file("README.md")).not.toContain("docker compose exec backend");
  });
});

describe("4: MongoDB", () => {
  it("puts mongo-express behind a login, and gives the app a user of its own database only", async () => {
    const { compose, file } = await generate(stack("express", "mongodb", NONE, NONE));
    const admin = compose.services.admin?.environment ?? {};
    expect(admin.ME_CONFIG_BASICAUTH).toBe("true");
    expect(admin.ME_CONFIG_BASICAUTH_PASSWORD).toBe("${DB_PASSWORD}");
    const backendUrl = compose.services.backend?.environment?.DATABASE_URL ?? "";
    expect(backendUrl).toBe("mongodb://${DB_USERNAME}:${DB_PASSWORD}@database:27017/${DB_DATABASE}");
    expect(compose.services.database?.environment?.MONGO_INITDB_ROOT_USERNAME).toBe("root");
    expect(compose.services.database?.environment?.MONGO_INITDB_ROOT_PASSWORD).toBe("${DB_ROOT_PASSWORD}");
    const init = file("database/init/create-app-user.js") ?? "";
    expect(init).toContain('roles: [{ role: "readWrite", db: appDatabase }]');
    expect(compose.services.database?.volumes).toContain("./database/init:/docker-entrypoint-initdb.d:ro");
    // Not 127.0.0.1: the image's temporary server during initialisation listens there only.
    expect(compose.services.database?.healthcheck?.test.join(" ")).toContain('--host "$$(hostname -i)"');
  });
});

describe("6: volumes", () => {
  it("names each database's volume after its engine", async () => {
    for (const database of ["postgresql", "mysql", "mongodb"]) {
      const { compose } = await generate(stack("express", database, NONE, NONE));
      expect(Object.keys(compose.volumes ?? {})).toEqual([`${database}-data`]);
    }
  });
});

describe("every valid stack", () => {
  it("7-9: ignores dependencies in builds, checks every app's health, writes only what each container needs", async () => {
    for (const chosen of STACKS) {
      const { compose, composeText, file, files } = await generate(chosen);
      expect(composeText, "no YAML anchors or aliases").not.toMatch(/[&*]a\d+\b/);
      expect(composeText).not.toMatch(/^\s+restart:/m);
      for (const [name, service] of Object.entries(compose.services)) {
        if (name !== "backend" && name !== "frontend") continue;
        const context = `${JSON.stringify(chosen)} ${name}`;
        const dockerignore = file(`${name}/.dockerignore`) ?? "";
        expect(dockerignore, context).toMatch(/^\*\*\/\.env$/m);
        expect(service.user, context).toBe("${HOST_UID:-1000}:${HOST_GID:-1000}");
        expect(["node", "python", "php"], context).toContain(service.healthcheck?.test[1]);
        expect(JSON.stringify(service.healthcheck?.test), context).toContain("http://127.0.0.1:");
        const hasPassword = Object.values(service.environment ?? {}).some((value) =>
          value.includes("DB_PASSWORD"),
        );
        const talksToDatabase = chosen.database !== NONE && (name === "backend" || chosen.backend === NONE);
        expect(hasPassword, context).toBe(
          talksToDatabase && ["postgresql", "mysql", "mongodb"].includes(chosen.database),
        );
        if (name === "frontend" && chosen.backend !== NONE) {
          expect(service.depends_on, context).toEqual({ backend: { condition: "service_healthy" } });
        }
      }
      if (chosen.database === "sqlite")
        expect(file("setup.sh")).toContain("create_empty_file 'data/database.sqlite'");
      const nodeApps = files.filter((f) => /Dockerfile$/.test(f.path) && f.content.includes(IMAGES.node));
      for (const dockerfile of nodeApps) expect(dockerfile.content).not.toMatch(/\{\{/);
    }
  });

  it("8-9: MySQL's root password setting is quoted for YAML 1.1; pg_isready asks over TCP; Adminer opens on the right system", async () => {
    const mysql = await generate(stack("express", "mysql", NONE, NONE));
    expect(mysql.composeText).toContain('MYSQL_RANDOM_ROOT_PASSWORD: "yes"');
    const postgres = await generate(stack("express", "postgresql", NONE, NONE));
    expect(postgres.compose.services.database?.healthcheck?.test.join(" ")).toContain(
      "pg_isready -h 127.0.0.1",
    );
    expect(postgres.file("setup.sh")).toContain(
      "print_url 'Database admin' 'ADMIN_PORT' '/?pgsql=database&username={user}&db={database}'",
    );
    expect(postgres.file("README.md")).toContain(":21004/?pgsql=database&username=check_user&db=check");
  });
});

describe("10: pinned versions", () => {
  // Full versions: major.minor.patch, or major.minor where that is the whole version (PostgreSQL 17.11).
  const exact = /^[a-z0-9][a-z0-9._/-]*:\d+\.\d+(\.\d+)?(-[A-Za-z0-9._-]+)?$/;
  it("pins every image to a full version, and every generator and package exactly", () => {
    for (const image of Object.values(IMAGES)) expect(image).toMatch(exact);
    for (const generator of Object.values(GENERATORS)) expect(generator).toMatch(/[@:]\d+\.\d+\.\d+$/);
    for (const pkg of Object.values(CSS_PACKAGES)) expect(pkg).toMatch(/@\d+\.\d+\.\d+$/);
  });

  it("uses only pinned images and versions in every file of every stack, and records them", async () => {
    const pinned = new Set<string>(Object.values(IMAGES));
    for (const chosen of STACKS) {
      const { compose, files, file } = await generate(chosen);
      for (const service of Object.values(compose.services))
        if (service.image) expect(pinned).toContain(service.image);
      for (const dockerfile of files.filter((f) => f.path.endsWith("Dockerfile"))) {
        for (const [, image] of dockerfile.content.matchAll(/^FROM (\S+)/gm)) {
          if (image !== "toolchain") expect(pinned, dockerfile.path).toContain(image);
        }
      }
      const setup = file("setup.sh") ?? "";
      for (const [, image] of setup.matchAll(/run_in_container '[^']+' '([^']+)'/g))
        expect(pinned).toContain(image);
      expect(setup).not.toMatch(/@latest|vite@latest|@\d+' /);
      const manifest = JSON.parse(file("launchpad.json") ?? "{}") as { versions?: { images?: object } };
      expect(manifest.versions?.images).toEqual(IMAGES);
    }
  });

  it("writes one setup.sh per stack, whatever the project (its check is then done once)", async () => {
    for (const chosen of STACKS.filter((_, index) => index % 7 === 0)) {
      const a = await generate(chosen, { slug: "alpha", password: "A".repeat(32), port: 21_001 });
      const b = await generate(chosen, { slug: "beta", password: "B".repeat(32), port: 22_001 });
      expect(a.file("setup.sh"), JSON.stringify(chosen)).toBe(b.file("setup.sh"));
    }
  });

  it("gives the same files for the same stack, but for name, credentials, ports and time", async () => {
    const chosen = stack("django", "postgresql", "vue", "tailwind");
    const a = await generate(chosen, { slug: "first", password: "A".repeat(32), port: 21_001 });
    const b = await generate(chosen, { slug: "first", password: "B".repeat(32), port: 22_001 });
    const normalize = (text: string) =>
      text.replace(/[AB]{32}/g, "<password>").replace(/2[12]\d{3}/g, "<port>");
    expect(a.files.map((f) => f.path)).toEqual(b.files.map((f) => f.path));
    for (const fileA of a.files) {
      if (fileA.path === "launchpad.json") continue; // it holds the other files' hashes
      expect(normalize(fileA.content), fileA.path).toBe(normalize(b.file(fileA.path) ?? ""));
    }
  });
});

describe("11: framework secrets come from the project's .env", () => {
  it("gives every backend SECRET_KEY by reference, and Django reads it and DEBUG from the environment", async () => {
    for (const backend of ["django", "fastapi", "express", "nestjs", "laravel"]) {
      const { compose } = await generate(stack(backend, "postgresql", NONE, NONE));
      expect(compose.services.backend?.environment?.SECRET_KEY).toBe("${SECRET_KEY}");
    }
    const { file } = await generate(stack("django", "postgresql", NONE, NONE));
    const settings = file("backend/app/config/settings.py") ?? "";
    expect(settings).toMatch(/os\.environ\.get\("SECRET_KEY"/);
    expect(settings).toMatch(/os\.environ\.get\("DEBUG"/);
  });
});

describe("12: the README explains migrations and the two views of the database", () => {
  it("says how to migrate and that containers use host database on the container port", async () => {
    const { file } = await generate(stack("django", "postgresql", NONE, NONE));
    const readme = file("README.md") ?? "";
    expect(readme).toContain("docker compose exec backend python manage.py migrate");
    expect(readme).toContain("`DB_HOST=database`");
    expect(readme).toContain("docker volume ls --filter name=check_");
  });
});

describe("security review: the admin UI and Django's debug mode", () => {
  it("mongo-express connects as the app's own user to the app's database, not as MongoDB's root", async () => {
    const { compose } = await generate(stack("express", "mongodb", NONE, NONE));
    const admin = compose.services.admin?.environment ?? {};
    expect(admin.ME_CONFIG_MONGODB_URL).toBe(
      "mongodb://${DB_USERNAME}:${DB_PASSWORD}@database:27017/${DB_DATABASE}",
    );
    expect(admin.ME_CONFIG_MONGODB_ENABLE_ADMIN).toBe("false");
    expect(JSON.stringify(admin)).not.toMatch(/root|DB_ROOT_PASSWORD/i);
  });

  it("Django's settings default DEBUG to false; the generated .env turns it on for development", async () => {
    const { file, compose } = await generate(stack("django", "postgresql", NONE, NONE));
    expect(file("backend/app/config/settings.py")).toMatch(/os\.environ\.get\("DEBUG", "false"\)/);
    expect(file(".env")).toMatch(/^# Django in development mode.*\nDEBUG=true$/m);
    expect(compose.services.backend?.environment?.DEBUG).toBe("${DEBUG}");
    // No other app gets a DEBUG it does not read.
    const express = await generate(stack("express", "postgresql", NONE, NONE));
    expect(express.file(".env")).not.toMatch(/^DEBUG=/m);
  });
});
