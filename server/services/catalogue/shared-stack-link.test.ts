import { beforeAll, describe, expect, it } from "vitest";
import { readSharedStack, sharedStackHref } from "../../../provisioning/shared-stack-link";
import type { Catalogue } from "../../../provisioning/stack";
import { testCaller, testDb, uniqueName } from "../../test/test-context";

/** Shared stack links, read against the catalogue as the database holds it (issue 27). */
let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await testCaller().catalogue.get();
});

describe("a shared stack link", () => {
  it("proposes the answers it names, in any case, and writes them back the same", () => {
    const read = readSharedStack(
      { backend: "Express", database: "postgresql", frontend: " react ", css: "tailwind" },
      catalogue,
    );
    expect(read).toEqual({
      chosen: { backend: "express", database: "postgresql", frontend: "react", css: "tailwind" },
      unavailable: [],
      ignoredKeys: [],
    });
    expect(sharedStackHref(read.chosen)).toBe(
      "/projects/new?backend=express&database=postgresql&frontend=react&css=tailwind",
    );
  });

  it("may be partial, lists unknown keys, and says why a value cannot be chosen instead of replacing it", () => {
    const read = readSharedStack(
      { backend: "cobol", database: "postgresql", utm_source: "mail", css: "x".repeat(500) },
      catalogue,
    );
    expect(read.chosen).toEqual({ database: "postgresql" });
    expect(read.unavailable).toEqual([
      { category: "backend", value: "cobol", reason: "It is not in the backend catalogue (any more)." },
      { category: "css", value: `${"x".repeat(40)}…`, reason: "No technology has a name this long." },
    ]);
    expect(read.ignoredKeys).toEqual(["utm_source"]);
  });

  it("gives way on the later answer of a combination a rule forbids, with the rule's reason", () => {
    const read = readSharedStack({ backend: "django", database: "mongodb" }, catalogue);
    expect(read.chosen).toEqual({ backend: "django" });
    expect(read.unavailable).toHaveLength(1);
    expect(read.unavailable[0]).toMatchObject({ category: "database", value: "mongodb" });
    expect(read.unavailable[0]!.reason.length).toBeGreaterThan(10);
  });
});

describe("project.create with a shared link's answers", () => {
  const caller = testCaller();

  it("pre-selects them and opens the interview at the review, saving no stack", async () => {
    const stack = { backend: "express", database: "postgresql", frontend: "react", css: "tailwind" };
    const project = await caller.project.create({ name: uniqueName("Shared"), stack });
    expect(project.stackSavedAt).toBeNull();
    const interview = await testDb().interview.findUniqueOrThrow({ where: { projectId: project.id } });
    expect(interview.currentStep).toBe(6);
    expect(interview.answers).toMatchObject(stack);
    expect(await testDb().provisioningRun.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("opens at the first question a partial link leaves open", async () => {
    const project = await caller.project.create({
      name: uniqueName("Partial"),
      stack: { backend: "express" },
    });
    const interview = await testDb().interview.findUniqueOrThrow({ where: { projectId: project.id } });
    expect(interview.currentStep).toBe(3);
  });

  it("refuses answers that cannot be chosen, and creates nothing", async () => {
    const name = uniqueName("Refused");
    await expect(
      caller.project.create({ name, stack: { backend: "django", database: "mongodb" } }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^These answers cannot be chosen: mongodb: /) as string,
    });
    await expect(caller.project.create({ name, stack: { backend: "cobol" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await testDb().project.count({ where: { name } })).toBe(0);
  });
});
