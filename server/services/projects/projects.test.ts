import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { testCaller, testDb, uniqueName } from "../../test/test-context";

const caller = testCaller();

async function expectRejection(promise: Promise<unknown>, code: string, message: RegExp) {
  const error = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  expect((error as TRPCError).message).toMatch(message);
  // A sentence for a person, not tRPC's JSON dump of validation issues.
  expect((error as TRPCError).message).not.toMatch(/^\s*[[{]/);
}

describe("project.create", () => {
  it("creates a project with a slug derived from the name, and its interview", async () => {
    const name = uniqueName("Café Übersicht");
    const project = await caller.project.create({ name: `  ${name}  `, description: "A test" });
    expect(project.name).toBe(name);
    expect(project.slug).toMatch(/^cafe-ubersicht-[0-9a-f]{8}$/);
    const interview = await testDb().interview.findUnique({ where: { projectId: project.id } });
    expect(interview?.currentStep).toBe(2);
    expect(interview?.answers).toMatchObject({ name, description: "A test" });
  });

  it("lists and gets the created project", async () => {
    const created = await caller.project.create({ name: uniqueName() });
    const list = await caller.project.list({ search: created.name });
    expect(list.items.map((p) => p.slug)).toEqual([created.slug]);
    const fetched = await caller.project.get({ slug: created.slug });
    expect(fetched).toEqual({
      ...created,
      lifecycle: { inProgress: null, failure: null, interrupted: null, purgeStarted: false },
    });
  });

  it.each([
    ["", /Enter a project name/],
    ["   ", /Enter a project name/],
    ["x".repeat(81), /at most 80 characters/],
    ["../x", /cannot contain \/ or \\/],
    ["a\\b", /cannot contain \/ or \\/],
    ["!!!", /at least one letter or digit/],
    ["..", /at least one letter or digit/],
    ["line\nbreak", /control characters/],
  ])("refuses the name %j with a clear message and writes nothing", async (name, message) => {
    await expectRejection(caller.project.create({ name }), "BAD_REQUEST", message);
    // Other test files create projects at the same time, so look for this name rather than counting all.
    expect(await testDb().project.count({ where: { name: { in: [name, name.trim()] } } })).toBe(0);
  });

  it("accepts exactly 80 characters", async () => {
    const name = uniqueName().padEnd(80, "x");
    const project = await caller.project.create({ name });
    expect(project.name).toHaveLength(80);
  });

  it("warns before a name that looks like an existing project's (UTS #39), and only then", async () => {
    const existing = await caller.project.create({ name: uniqueName("Storefront") });
    // The same name with a Cyrillic "о": another folder, but hardly another name to a reader.
    const lookalike = existing.name.replace("o", "\u043E");
    expect(await caller.project.lookalike({ name: lookalike })).toEqual({
      name: existing.name,
      slug: existing.slug,
    });
    expect(await caller.project.lookalike({ name: existing.name })).toBeNull();
    expect(await caller.project.lookalike({ name: uniqueName("Storefront") })).toBeNull();
    // A warning, not a refusal: the look-alike can still be created, in a folder of its own.
    const created = await caller.project.create({ name: lookalike });
    expect(created.slug).not.toBe(existing.slug);
  });

  it("refuses a duplicate (same folder name) with a conflict", async () => {
    const name = uniqueName("Duplicate");
    const first = await caller.project.create({ name });
    await expectRejection(caller.project.create({ name: name.toUpperCase() }), "CONFLICT", /already exists/);
    expect(await testDb().project.count({ where: { slug: first.slug } })).toBe(1);
    expect(await testDb().project.count({ where: { name: name.toUpperCase() } })).toBe(0);
  });

  it("answers NOT_FOUND for an unknown project and BAD_REQUEST for a malformed slug", async () => {
    await expectRejection(caller.project.get({ slug: "no-such-project-here" }), "NOT_FOUND", /no project/);
    await expectRejection(caller.project.get({ slug: "../etc" }), "BAD_REQUEST", /Not a project address/);
  });
});
