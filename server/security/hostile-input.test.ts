import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse as parseDotenv } from "dotenv";
import fc from "fast-check";
import { beforeAll, describe, expect, inject, it } from "vitest";
import YAML from "yaml";
import { testProvisioningConfig } from "../test/provisioning-context";
import { testCaller, testDb } from "../test/test-context";
import { getCatalogue } from "../services/catalogue/get-catalogue";
import { generateProjectFiles } from "../../provisioning/render/generate-project-files";
import { createProjectInputSchema, projectDescriptionSchema, SLUG_PATTERN, slugify } from "../shared/project";
import type { Catalogue, Stack } from "../../provisioning/stack";
import { validateStack } from "../../provisioning/stack-validation";
import { testPortRange } from "../test/port-ranges";

/**
 * Property-based tests over what people type: every input is either refused with a clear message or
 * handled so that nothing leaves PROJECTS_DIR, no command runs, and every generated file parses back
 * to the intended structure. The pure properties run 10,000 cases each; the one that writes real
 * project folders runs HOSTILE_PROVISION_RUNS cases (200 by default).
 */
const PURE_RUNS = 10_000;
const PROVISION_RUNS = Number(process.env.HOSTILE_PROVISION_RUNS ?? 200);
const MARKER = path.join(os.tmpdir(), `launchpad-command-ran-${process.pid}`);

const FRAGMENTS = [
  "../",
  "..",
  "/",
  "\\",
  "/etc/passwd",
  "C:\\Windows",
  "\0",
  "$(id)",
  `$(touch ${MARKER})`,
  `\`touch ${MARKER}\``,
  ";",
  "&&",
  "|",
  "\n",
  "\r\n",
  "\t",
  "'",
  '"',
  "${HOME}",
  "${DB_PASSWORD}",
  "$$",
  ": ",
  "- ",
  "? ",
  "#",
  "&a",
  "*a",
  "!!binary",
  "{",
  "}",
  "[",
  "]",
  ">",
  "%",
  "@",
  "-rf",
  "--help",
  "-",
  "e\u0301",
  "\u202e",
  "\u200f",
  "😀",
  "👩‍👩‍👧",
  "<script>alert(1)</script>",
  "[x](javascript:alert(1))",
  "| a |",
  "```",
  "---",
  "...",
  "~",
  "null",
  "true",
  "0x1F",
  "Ünïcödé",
  "名前",
  " ",
  "  ",
  ".",
  "=",
  "DB_PASSWORD=x",
];

/** Strings built from hostile fragments and arbitrary Unicode, plus a few very long ones. */
const hostileText = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 6 })), { maxLength: 12 })
      .map((parts) => parts.join("")),
  },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 100 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 100 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("a".repeat(100_000), "../".repeat(34_000), "$(id)".repeat(20_000)),
  },
);

// eslint-disable-next-line no-control-regex
const withoutRefusedCharacters = (text: string) => text.replace(/[/\\\u0000-\u001f\u007f]/g, "");

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await getCatalogue({ db: testDb() });
});

describe("hostile input: pure properties", () => {
  it("a project name is refused with a message, or becomes a safe folder name", () => {
    const projectsDir = path.resolve("projects");
    fc.assert(
      fc.property(hostileText, (name) => {
        const parsed = createProjectInputSchema.safeParse({ name });
        if (!parsed.success) {
          const message = parsed.error.issues[0]?.message ?? "";
          return message.length > 10 && message.length < 120;
        }
        const slug = slugify(parsed.data.name);
        return (
          SLUG_PATTERN.test(slug) &&
          slug.length <= 60 &&
          // Characters as zod and PostgreSQL's VarChar(80) count them: code points (an emoji is one).
          [...parsed.data.name].length <= 80 &&
          parsed.data.name === withoutRefusedCharacters(parsed.data.name) &&
          path.dirname(path.join(projectsDir, slug)) === projectsDir
        );
      }),
      { numRuns: PURE_RUNS },
    );
  });

  it("stack values are refused with a message per problem, or are catalogue slugs", () => {
    const value = fc.oneof(
      hostileText,
      fc.constantFrom("laravel", "POSTGRESQL", " none ", "nextjs", "tailwind"),
    );
    fc.assert(
      fc.property(value, value, value, value, (backend, database, frontend, css) => {
        const result = validateStack(catalogue, { backend, database, frontend, css });
        if (!result.ok)
          return (
            result.problems.length > 0 &&
            result.problems.every((p) => p.message.length > 0 && p.message.length < 200)
          );
        return Object.entries(result.stack).every(
          ([category, slug]) =>
            slug === "none" || catalogue.technologies[category as keyof Stack].some((t) => t.slug === slug),
        );
      }),
      { numRuns: PURE_RUNS },
    );
  });

  // 10,000 generated projects: about 20 s on an idle machine, over a minute when the cores are busy.
  it(
    "no name or description can change the structure of a generated file",
    { timeout: 300_000 },
    async () => {
      const stack: Stack = { backend: "laravel", database: "postgresql", frontend: "none", css: "tailwind" };
      const accepted = fc
        .tuple(hostileText, hostileText)
        .map(([name, description]) => ({
          name: createProjectInputSchema.safeParse({ name }),
          description: projectDescriptionSchema.safeParse(description),
        }))
        .filter(({ name, description }) => name.success && description.success)
        .map(({ name, description }) => ({ name: name.data!.name, description: description.data! }));
      const baseline = await generateProjectFiles({
        project: { slug: "baseline", name: "Baseline", description: "" },
        stack,
        credentials: { databaseName: "baseline", databaseUser: "baseline_user", password: "A".repeat(32) },
        secrets: { app: "S".repeat(43), databaseRoot: "R".repeat(43) },
        ports: { app: 20_000, database: 20_001, admin: 20_002 },
        catalogueVersion: 1,
        generatedAt: new Date(0),
      });
      const composeOf = (text: string) => YAML.parse(text) as Record<string, unknown>;
      const headings = (text: string) =>
        text
          .split("\n")
          .filter((line) => /^#{1,6} /.test(line))
          .slice(1);
      const baselineFile = (p: string) => baseline.files.find((f) => f.path === p)!.content;
      const baselineReadme = baselineFile("README.md");
      const baselineHeadings = JSON.stringify(headings(baselineReadme));
      const baselineComposeWithoutName = JSON.stringify({
        ...composeOf(baselineFile("docker-compose.yml")),
        name: null,
      });

      await fc.assert(
        fc.asyncProperty(accepted, async ({ name, description }) => {
          const slug = slugify(name);
          const generated = await generateProjectFiles({
            project: { slug, name, description },
            stack,
            credentials: {
              databaseName: "baseline",
              databaseUser: "baseline_user",
              password: "A".repeat(32),
            },
            secrets: { app: "S".repeat(43), databaseRoot: "R".repeat(43) },
            ports: { app: 20_000, database: 20_001, admin: 20_002 },
            catalogueVersion: 1,
            generatedAt: new Date(0),
          });
          const file = (p: string) => generated.files.find((f) => f.path === p)!.content;
          const readme = file("README.md");
          const manifest = JSON.parse(file("launchpad.json")) as { project: { name: string; slug: string } };
          // User text sits only in the title and a quoted block: same headings, no raw HTML, no links.
          const quoted = readme
            .split("\n")
            .slice(1)
            .filter((line) => line.startsWith(">"));
          const descriptionLines = description ? description.replace(/\r\n?/g, "\n").split("\n").length : 0;
          const compose = composeOf(file("docker-compose.yml"));
          return (
            readme.startsWith("# ") &&
            readme.split("\n")[0]!.split("\n").length === 1 &&
            JSON.stringify(headings(readme)) === baselineHeadings &&
            quoted.length === descriptionLines &&
            !/<[a-z]/i.test(readme.replace(/\\</g, "")) &&
            !/\]\(/.test(readme.replace(/\\[\](]/g, "")) &&
            JSON.stringify(compose) === JSON.stringify(generated.compose) &&
            // Apart from its name (the slug), compose is that of any other project; setup.sh is identical.
            JSON.stringify({ ...compose, name: null }) === baselineComposeWithoutName &&
            file("setup.sh") === baselineFile("setup.sh") &&
            JSON.stringify(parseDotenv(file(".env"))) === JSON.stringify(generated.env) &&
            manifest.project.name === name
          );
        }),
        { numRuns: PURE_RUNS },
      );
    },
  );
});

describe(`hostile input through the API and the engine (${inject("databaseKind")})`, () => {
  it(
    "writes only inside PROJECTS_DIR, runs no command, and every folder parses back",
    { timeout: 600_000 },
    async () => {
      // The projects folder gets a parent of its own, so that anything written beside it shows.
      const parent = await mkdtemp(path.join(os.tmpdir(), "launchpad-hostile-"));
      const config = await testProvisioningConfig({
        projectsDir: path.join(parent, "projects"),
        portRange: await testPortRange(2000),
      });
      const caller = testCaller(config);
      let provisioned = 0;
      await fc.assert(
        // Half the names have separators and control characters removed, so that many get through.
        fc.asyncProperty(
          fc.oneof(hostileText, hostileText.map(withoutRefusedCharacters)),
          hostileText,
          async (name, description) => {
            const created = await caller.project
              .create({ name, description })
              .catch((error: unknown) => error as Error);
            if (created instanceof Error) return created.message.length > 0 && created.message.length < 200;
            const interview = await caller.interview.get({ slug: created.slug });
            const { provisioning } = await caller.interview.saveStack({
              interviewId: interview.id,
              stack: { backend: "django", database: "mysql", frontend: "react", css: "bootstrap" },
            });
            provisioned++;
            const dir = provisioning.projectPath ?? "";
            const readFileIn = (f: string) => readFile(path.join(dir, f), "utf8");
            const manifest = JSON.parse(await readFileIn("launchpad.json")) as { project: { name: string } };
            return (
              provisioning.success &&
              path.dirname(dir) === config.projectsDir &&
              manifest.project.name === created.name &&
              typeof YAML.parse(await readFileIn("docker-compose.yml")) === "object" &&
              parseDotenv(await readFileIn(".env")).COMPOSE_PROJECT_NAME === created.slug
            );
          },
        ),
        { numRuns: PROVISION_RUNS },
      );
      expect(provisioned).toBeGreaterThan(PROVISION_RUNS / 10);
      expect(existsSync(MARKER)).toBe(false);
      expect(await readdir(parent)).toEqual(["projects"]);
      const entries = await readdir(config.projectsDir);
      expect(entries.every((entry) => SLUG_PATTERN.test(entry))).toBe(true);
    },
  );
});
