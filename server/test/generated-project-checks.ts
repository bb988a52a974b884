import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { Ajv } from "ajv";
import { parse as parseDotenv } from "dotenv";
import { expect } from "vitest";
import YAML from "yaml";
import type { ProvisioningResult } from "../services/provisioning/provisioning-result";
import { NONE, type Stack } from "../../provisioning/stack";

/**
 * Checks a generated project folder from the outside, independently of the engine's own checks:
 * the Compose Specification schema (the copy in shared/schemas when present, else dclint's), every
 * ${VAR} defined in .env, the manifest's hashes, file modes, and no password outside .env.
 */
const sharedSchema = path.resolve("../shared/schemas/compose-spec.json");
const bundledSchema = path.resolve("node_modules/dclint/schemas/compose.schema.json");
let validateCompose: (((data: unknown) => boolean) & { errors?: unknown }) | undefined;

async function composeValidator() {
  if (!validateCompose) {
    const schemaPath = existsSync(sharedSchema) ? sharedSchema : bundledSchema;
    const schema = JSON.parse(await readFile(schemaPath, "utf8")) as object;
    validateCompose = new Ajv({
      strict: false,
      validateFormats: false,
      validateSchema: false,
      allErrors: true,
    }).compile(schema);
  }
  return validateCompose;
}

export async function expectValidProjectFolder(dir: string, stack: Stack, result: ProvisioningResult) {
  const read = (file: string) => readFile(path.join(dir, file), "utf8");
  const composeText = await read("docker-compose.yml");
  const compose = YAML.parse(composeText) as { services: Record<string, { ports?: string[] }> };
  const validate = await composeValidator();
  expect(validate(compose), JSON.stringify(validate.errors)).toBe(true);

  const envText = await read(".env");
  const env = parseDotenv(envText);
  // A variable with a default (${HOST_UID:-1000}, exported by setup.sh) need not be in .env.
  const used = [...composeText.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(:?-)?/g)]
    .filter((m) => !m[2])
    .map((m) => m[1] ?? "");
  for (const name of used) expect(env, `\${${name}} is used in compose`).toHaveProperty(name);
  expect((await stat(path.join(dir, ".env"))).mode & 0o777).toBe(0o600);
  expect((await stat(path.join(dir, "setup.sh"))).mode & 0o111).not.toBe(0);
  expect(await read(".gitignore")).toMatch(/^\.env$/m);

  const manifest = JSON.parse(await read("launchpad.json")) as {
    files: Record<string, string>;
    stack: Stack;
  };
  expect(manifest.stack).toEqual(stack);
  for (const [file, hash] of Object.entries(manifest.files)) {
    const actual = createHash("sha256")
      .update(await readFile(path.join(dir, file)))
      .digest("hex");
    expect(actual, file).toBe(hash);
  }

  const services = Object.keys(compose.services).sort();
  const expected = [
    ...(["postgresql", "mysql", "mongodb"].includes(stack.database) ? ["admin", "database"] : []),
    ...(stack.backend !== NONE ? ["backend"] : []),
    ...(stack.frontend !== NONE ? ["frontend"] : []),
  ].sort();
  expect(services).toEqual(expected);
  for (const service of Object.values(compose.services)) {
    for (const port of service.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:\$\{[A-Z_]+\}:\d+$/);
  }

  const credentials = result.credentials;
  if (stack.database === "sqlite") {
    expect(credentials).toMatchObject({
      databaseKind: "file",
      databaseName: "database.sqlite",
      hasPassword: false,
    });
  } else if (stack.database === NONE) {
    expect(credentials).toMatchObject({ databaseKind: "none", databaseName: null, hasPassword: false });
    expect(env).not.toHaveProperty("DB_PASSWORD");
  } else {
    expect(credentials?.databaseName).toBe(env.DB_DATABASE);
    expect(credentials?.databaseName).not.toMatch(/^\d+$/);
    expect(credentials?.hasPassword).toBe(true);
    expect(credentials?.port).toBe(Number(env.DB_PORT));
    const password = env.DB_PASSWORD ?? "";
    expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
    // The result carries no password: only provisioning.reveal does (issue 13).
    expect(JSON.stringify(result)).not.toContain(password);
    expect(credentials?.connectionUrl).toContain(`${credentials?.databaseUser}@`);
    for (const file of Object.keys(manifest.files).filter((f) => f !== ".env")) {
      expect(await read(file), `${file} must not hold the password`).not.toContain(password);
    }
    expect(await read("launchpad.json")).not.toContain(password);
  }
}
