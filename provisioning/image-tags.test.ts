import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { allValidStacks, type Stack } from "./stack";
import { catalogueChoices, findTechnology } from "./catalogue";
import { generateProjectFiles } from "./render/generate-project-files";
import { IMAGES } from "./versions";

/**
 * Every image a generated project names, on every valid stack (docs/decisions/016): what a Dockerfile
 * builds FROM and what setup.sh runs commands in are official Debian-based tags (trixie or bookworm)
 * at a full version, never Alpine; images run as published keep their official tag, and PostgreSQL's
 * is its Debian variant. Launchpad's own Dockerfile and docker-compose.yml follow the same rule.
 */
const STACKS = allValidStacks(catalogueChoices());

/** Images run as their publishers made them, whatever their base (the rule allows their own tags). */
const RUN_AS_PUBLISHED = new Set<string>([
  IMAGES.mysql,
  IMAGES.mongo,
  IMAGES.adminer,
  IMAGES.mongoExpress,
  IMAGES.composer,
]);

/** An official image of a runtime or database, Debian-based, at a full version (x.y.z or, for postgres, x.y). */
const DEBIAN_TAG = /^(node|python|php|postgres):\d+\.\d+(\.\d+)?-(?:[a-z]+-)?(trixie|bookworm)(-slim)?$/;

/** The problem with an image in a role, or null when the rule allows it. */
function imageProblem(image: string, role: string): string | null {
  if (RUN_AS_PUBLISHED.has(image)) return null;
  if (/alpine/i.test(image)) return `${role} uses an Alpine tag: ${image}`;
  if (!DEBIAN_TAG.test(image))
    return `${role} is not an official Debian-based tag at a full version: ${image}`;
  return null;
}

/** FROM images of a Dockerfile, without its own stages (`FROM toolchain AS app`). */
function fromImages(dockerfile: string): string[] {
  const stages = new Set<string>();
  const images: string[] = [];
  for (const match of dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?\s*$/gim)) {
    if (!stages.has(match[1]!)) images.push(match[1]!);
    if (match[2]) stages.add(match[2]);
  }
  return images;
}

/** Images the compose file runs: each service's `image:`. */
function composeImages(text: string): string[] {
  const compose = YAML.parse(text) as { services: Record<string, { image?: string }> };
  return Object.values(compose.services).flatMap((service) => (service.image ? [service.image] : []));
}

/** Images setup.sh runs commands in: run_in_container's second word, unless it is the built toolchain. */
function setupImages(script: string): string[] {
  return [...script.matchAll(/run_in_container '[^']*' '([^']+)'/g)].map((match) => match[1]!);
}

async function generate(stack: Stack) {
  const hasServerDatabase = findTechnology("database", stack.database)?.spec.kind === "server-database";
  return generateProjectFiles({
    project: { slug: "tags", name: "Tags", description: "" },
    stack,
    credentials: hasServerDatabase
      ? { databaseName: "tags", databaseUser: "tags_user", password: "P".repeat(32) }
      : null,
    secrets: { app: "a".repeat(43), databaseRoot: "r".repeat(43) },
    ports: { app: 21_001, frontend: 21_002, database: 21_003, admin: 21_004 },
    catalogueVersion: 1,
    generatedAt: new Date(0),
  });
}

describe("image tags", () => {
  it("reads as the rule says on its own examples", () => {
    expect(imageProblem("node:22.23.3-trixie-slim", "FROM")).toBe(null);
    expect(imageProblem("postgres:17.11-trixie", "image")).toBe(null);
    expect(imageProblem("php:8.3.35-cli-trixie", "FROM")).toBe(null);
    expect(imageProblem("node:22.23.3-alpine3.24", "FROM")).toMatch(/Alpine/);
    expect(imageProblem("postgres:17-alpine", "image")).toMatch(/Alpine/);
    expect(imageProblem("node:22-trixie-slim", "FROM")).toMatch(/full version/);
    expect(imageProblem(IMAGES.mongoExpress, "image")).toBe(null);
    expect(fromImages("FROM a:1 AS toolchain\nFROM toolchain AS app\n")).toEqual(["a:1"]);
  });

  it(`are Debian-based wherever the rule asks, in every valid stack (${STACKS.length})`, async () => {
    const problems = new Set<string>();
    let seen = 0;
    for (const stack of STACKS) {
      const name = Object.values(stack).join("+");
      const { files } = await generate(stack);
      for (const file of files) {
        const found = file.path.endsWith("Dockerfile")
          ? fromImages(file.content).map((image) => [image, `${file.path} FROM`] as const)
          : file.path === "docker-compose.yml"
            ? composeImages(file.content).map((image) => [image, "docker-compose.yml image"] as const)
            : file.path === "setup.sh"
              ? setupImages(file.content).map((image) => [image, "setup.sh run_in_container"] as const)
              : [];
        for (const [image, role] of found) {
          seen += 1;
          const problem = imageProblem(image, role);
          if (problem) problems.add(`${name}: ${problem}`);
        }
      }
    }
    expect(seen).toBeGreaterThan(STACKS.length);
    expect([...problems]).toEqual([]);
  });

  it("of Launchpad's own Dockerfile and docker-compose.yml follow the same rule", async () => {
    const root = path.join(import.meta.dirname, "..");
    const dockerfile = await readFile(path.join(root, "Dockerfile"), "utf8");
    const compose = await readFile(path.join(root, "docker-compose.yml"), "utf8");
    const problems = [
      ...fromImages(dockerfile).map((image) => imageProblem(image, "Dockerfile FROM")),
      ...composeImages(compose).map((image) => imageProblem(image, "docker-compose.yml image")),
    ].filter(Boolean);
    expect(fromImages(dockerfile).length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it("in versions.ts name no Alpine image but those run as published", () => {
    for (const image of Object.values(IMAGES)) expect(imageProblem(image, "versions.ts")).toBe(null);
  });
});
