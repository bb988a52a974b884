import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allValidStacks, NONE, type Catalogue } from "./stack";
import { CATALOGUE, catalogueChoices, findTechnology } from "./catalogue";
import { chooseTechnologies } from "./plan/choose-technologies";
import { planProject } from "./plan/plan-project";

const catalogue: Catalogue = catalogueChoices();
const stacks = allValidStacks(catalogue);

describe("the catalogue", () => {
  it("gives every allowed CSS framework steps on the app it styles, or marks it built in", () => {
    const uncovered: string[] = [];
    for (const stack of stacks) {
      if (stack.css === NONE) continue;
      const apps = chooseTechnologies(stack).filter((tech) => tech.spec.kind === "app");
      const target =
        apps.find((tech) => tech.spec.kind === "app" && tech.spec.folder === "frontend") ?? apps[0];
      const spec = target?.spec.kind === "app" ? target.spec : undefined;
      const covered =
        spec !== undefined && (spec.builtInCss.includes(stack.css) || spec.cssSteps[stack.css] !== undefined);
      if (!covered) uncovered.push(`${target?.slug ?? "no app"} + ${stack.css}`);
    }
    expect([...new Set(uncovered)]).toEqual([]);
  });

  it("plans every allowed stack", () => {
    const ports = { app: 1, frontend: 2, database: 3, admin: 4 };
    const credentials = { databaseName: "d", databaseUser: "u", password: "p".repeat(32) };
    for (const stack of stacks) {
      expect(() =>
        planProject({
          project: { slug: "s", name: "S", description: "" },
          stack,
          technologies: chooseTechnologies(stack),
          credentials,
          secrets: { app: "s".repeat(43), databaseRoot: "r".repeat(43) },
          ports,
          catalogueVersion: 1,
          generatedAt: new Date(0),
        }),
      ).not.toThrow();
    }
    expect(stacks.length).toBeGreaterThan(300);
  });

  it("refuses a CSS framework the catalogue cannot add", () => {
    const react = findTechnology("frontend", "react");
    const tailwind = findTechnology("css", "tailwind");
    if (react?.spec.kind !== "app" || !tailwind) throw new Error("catalogue changed");
    const withoutSteps = { ...react, spec: { ...react.spec, cssSteps: {} } };
    expect(() =>
      planProject({
        project: { slug: "s", name: "S", description: "" },
        stack: { backend: NONE, database: NONE, frontend: "react", css: "tailwind" },
        technologies: [withoutSteps, tailwind],
        credentials: null,
        secrets: { app: "s".repeat(43), databaseRoot: "r".repeat(43) },
        ports: { frontend: 2 },
        catalogueVersion: 1,
        generatedAt: new Date(0),
      }),
    ).toThrow("The catalogue does not say how to add Tailwind CSS to React.");
  });
});

/** Engine code: the stages and the run step. Technology facts must live in the catalogue or folders. */
const ENGINE_DIRS = [
  "provisioning/plan",
  "provisioning/render",
  "provisioning/check",
  "server/services/provisioning",
];

async function engineSources(): Promise<{ file: string; text: string }[]> {
  const sources = [];
  for (const dir of ENGINE_DIRS) {
    for (const entry of await readdir(dir, { recursive: true })) {
      if (!entry.endsWith(".ts") || entry.endsWith(".test.ts")) continue;
      const file = path.join(dir, entry);
      sources.push({ file, text: await readFile(file, "utf8") });
    }
  }
  return sources;
}

describe("the engine", () => {
  it("never names a technology of the catalogue in a string", async () => {
    const slugs = CATALOGUE.map((tech) => tech.slug);
    const found: string[] = [];
    for (const { file, text } of await engineSources()) {
      for (const slug of slugs) {
        if (new RegExp(`["'\`]${slug}["'\`]`).test(text)) found.push(`${file}: "${slug}"`);
      }
    }
    expect(found).toEqual([]);
  });

  it("keeps the pure stages free of the server, the database, Next.js, React and app/", async () => {
    // server/ depends on the engine, never the other way round (issue 30).
    const forbidden =
      /from "(?:[./~]*server\/|@prisma|next|react|server-only|[./~]*app\/)[^"]*"|import "server-only"/;
    const offenders = (await engineSources())
      .filter(({ file }) => file.startsWith("provisioning/"))
      .filter(({ text }) => forbidden.test(text))
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
  });
});
