import { beforeAll, describe, expect, it } from "vitest";
import { testCaller } from "../../test/test-context";
import { reasonChoiceIsDisabled, type Catalogue } from "../../../provisioning/stack";
import { validateStack } from "../../../provisioning/stack-validation";

/** The validation runs on the catalogue as the database holds it, the way the server and the wizard use it. */
let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await testCaller().catalogue.get();
});

describe("the catalogue", () => {
  it("holds every technology of the product, in order", () => {
    const slugs = Object.fromEntries(
      Object.entries(catalogue.technologies).map(([category, techs]) => [category, techs.map((t) => t.slug)]),
    );
    expect(slugs).toEqual({
      backend: ["laravel", "django", "fastapi", "express", "nestjs"],
      database: ["postgresql", "mysql", "mongodb", "sqlite"],
      frontend: ["nextjs", "react", "vue", "angular"],
      css: ["tailwind", "bootstrap"],
    });
  });
});

describe("validateStack", () => {
  it("accepts both reference stacks, case-insensitively", () => {
    expect(
      validateStack(catalogue, {
        backend: "Laravel",
        database: "POSTGRESQL",
        frontend: "none",
        css: " tailwind ",
      }),
    ).toEqual({
      ok: true,
      stack: { backend: "laravel", database: "postgresql", frontend: "none", css: "tailwind" },
    });
    expect(
      validateStack(catalogue, {
        backend: "none",
        database: "postgresql",
        frontend: "nextjs",
        css: "tailwind",
      }).ok,
    ).toBe(true);
  });

  it("names an unknown technology and its category", () => {
    const result = validateStack(catalogue, {
      backend: "rails",
      database: "postgresql",
      frontend: "none",
      css: "none",
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          code: "unknown-technology",
          message: "Technology 'rails' is not in the backend catalogue.",
          categories: ["backend"],
        },
      ],
    });
  });

  it("returns every violated rule with its reason", () => {
    const result = validateStack(catalogue, {
      backend: "none",
      database: "mysql",
      frontend: "none",
      css: "tailwind",
    });
    expect(result.ok).toBe(false);
    const codes = result.ok ? [] : result.problems.map((p) => p.code);
    expect(codes).toEqual(["nothing-to-run", "css-needs-html", "database-needs-server"]);
    expect(result.ok ? "" : result.problems[0]?.message).toBe(
      "Choose a backend or a frontend: otherwise there is nothing to run.",
    );
  });

  it("lets a backend that renders HTML carry a CSS framework without a frontend", () => {
    expect(
      validateStack(catalogue, { backend: "django", database: "sqlite", frontend: "none", css: "bootstrap" })
        .ok,
    ).toBe(true);
    expect(
      validateStack(catalogue, { backend: "fastapi", database: "sqlite", frontend: "none", css: "bootstrap" })
        .ok,
    ).toBe(false);
  });

  it("reports malformed input per category", () => {
    const result = validateStack(catalogue, {
      backend: "",
      database: "x".repeat(41),
      frontend: "none",
      css: "none",
    });
    expect(result.ok ? [] : result.problems.map((p) => p.categories)).toEqual([["backend"], ["database"]]);
  });
});

describe("reasonChoiceIsDisabled (the wizard's live check)", () => {
  it("disables only what the earlier answers already forbid", () => {
    const answers = { backend: "none", database: "postgresql" };
    expect(reasonChoiceIsDisabled(catalogue.rules, answers, "frontend", "none")).toMatch(/nothing to run/);
    expect(reasonChoiceIsDisabled(catalogue.rules, answers, "frontend", "react")).toMatch(
      /database needs a backend/,
    );
    expect(reasonChoiceIsDisabled(catalogue.rules, answers, "frontend", "nextjs")).toBeNull();
    // With the frontend still unanswered nothing about the database can be decided yet.
    expect(reasonChoiceIsDisabled(catalogue.rules, { backend: "none" }, "database", "mysql")).toBeNull();
    expect(reasonChoiceIsDisabled(catalogue.rules, { backend: "django" }, "database", "mongodb")).toMatch(
      /Django/,
    );
  });
});
