import { describe, expect, it } from "vitest";
import { catalogueChoices } from "../../../provisioning/catalogue";
import { allValidStacks, NONE } from "../../../provisioning/stack";
import { allDockerStacks, cannotRunInDocker, ciDockerStacks } from "./coverage";

const catalogue = catalogueChoices();

describe("which stacks verify:docker runs here", () => {
  it("covers Express, NestJS and no backend with PostgreSQL, MySQL, SQLite or none: 125 of the valid stacks", () => {
    const valid = allValidStacks(catalogue);
    const runnable = allDockerStacks(catalogue).filter((stack) => cannotRunInDocker(stack) === null);
    expect(valid.length).toBe(339);
    expect(runnable.length).toBe(125);
  });

  it("says why each other stack cannot run: PyPI, Composer or MongoDB", () => {
    expect(cannotRunInDocker({ backend: "django", database: NONE, frontend: NONE, css: NONE })).toMatch(
      /Python package index/,
    );
    expect(cannotRunInDocker({ backend: "laravel", database: "mysql", frontend: NONE, css: NONE })).toMatch(
      /Composer/,
    );
    expect(cannotRunInDocker({ backend: "express", database: "mongodb", frontend: NONE, css: NONE })).toMatch(
      /MongoDB/,
    );
  });

  it("CI's set is at most 5 runnable stacks that use every coverable part and both CSS frameworks", () => {
    const set = ciDockerStacks();
    expect(set.length).toBeLessThanOrEqual(5);
    for (const stack of set) expect(cannotRunInDocker(stack)).toBeNull();
    const used = (part: keyof (typeof set)[number]) => new Set(set.map((stack) => stack[part]));
    expect([...used("backend")].sort()).toEqual(["express", "nestjs", NONE].sort());
    for (const database of ["postgresql", "mysql", "sqlite"])
      expect(used("database").has(database)).toBe(true);
    for (const frontend of ["react", "vue", "angular", "nextjs"])
      expect(used("frontend").has(frontend)).toBe(true);
    for (const css of ["tailwind", "bootstrap"]) expect(used("css").has(css)).toBe(true);
    // The first stack gets the full checks, which need a database server, as a non-root user: with
    // Next.js, whose generator failed for such a user before (decision 019).
    expect(["postgresql", "mysql"]).toContain(set[0]!.database);
    expect(set[0]!.frontend).toBe("nextjs");
  });
});
