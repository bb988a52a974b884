import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { testCaller, testDb, TEST_USERS } from "../../test/test-context";
import { parseProjectListParams, PROJECT_PAGE_SIZE, projectListHref } from "../../shared/project-list";

type RunStatus = "pending" | "running" | "succeeded" | "failed";
const STACK = { backend: "express", database: "postgresql", frontend: "react", css: "tailwind" };

/**
 * The project list against the real database: a user of this file's own owns 25 projects in every
 * state, so the owner filter isolates them from the projects other test files make meanwhile.
 */
const owner = { id: randomUUID(), name: `Lister ${randomBytes(3).toString("hex")}` };
const token = randomBytes(4).toString("hex");
const caller = testCaller(undefined, TEST_USERS.viewer);
const mine = { ownerId: owner.id };

async function makeProject(index: number, runs: RunStatus[] | null, name = `List ${token} ${index}`) {
  const db = testDb();
  const project = await db.project.create({
    data: {
      name,
      slug: `list-${token}-${index}`,
      ownerId: owner.id,
      ...(runs ? { ...STACK, stackSavedAt: new Date() } : {}),
      ...(runs && index % 2 === 0 ? { frontend: "vue" } : {}),
    },
  });
  for (const [attempt, status] of (runs ?? []).entries()) {
    await db.provisioningRun.create({
      data: {
        projectId: project.id,
        attempt: attempt + 1,
        status,
        stack: STACK,
        finishedAt: status === "succeeded" || status === "failed" ? new Date() : null,
      },
    });
  }
  return project;
}

beforeAll(async () => {
  await testDb().user.create({
    data: { id: owner.id, name: owner.name, email: `${owner.id}@test.invalid`, role: "member" },
  });
  // 25 projects: 5 in each state, the newest run deciding (a failure then a success is provisioned).
  const states: (RunStatus[] | null)[] = [
    null,
    ["running"],
    ["failed", "succeeded"],
    ["succeeded", "failed"],
    ["pending"],
  ];
  for (let index = 0; index < 25; index++) await makeProject(index, states[index % 5]!);
});

describe("project.list", () => {
  it("pages on the server: 20, then 5, and a page past the end gives the last page", async () => {
    const first = await caller.project.list({ ...mine });
    expect(first).toMatchObject({ total: 25, page: 1, pageCount: 2, pageSize: PROJECT_PAGE_SIZE });
    expect(first.items).toHaveLength(20);
    const second = await caller.project.list({ ...mine, page: 2 });
    expect(second.items).toHaveLength(5);
    const all = [...first.items, ...second.items].map((project) => project.slug);
    expect(new Set(all).size).toBe(25);
    await expect(caller.project.list({ ...mine, page: 99 })).resolves.toMatchObject({ page: 2, total: 25 });
  });

  it.each([
    ["interview", 5],
    ["provisioning", 10],
    ["provisioned", 5],
    ["failed", 5],
  ] as const)("filters by status %s, decided by the newest run", async (status, count) => {
    const list = await caller.project.list({ ...mine, status });
    expect(list.total).toBe(count);
    expect(list.items.every((project) => project.status === status)).toBe(true);
  });

  it("gives each project its status, newest run, owner and last change", async () => {
    const { items } = await caller.project.list({ ...mine, search: `List ${token} 2` });
    const project = items.find((item) => item.name === `List ${token} 2`)!;
    expect(project).toMatchObject({ status: "provisioned", lastRun: { attempt: 2, status: "succeeded" } });
    expect(project.owner?.name).toBe(owner.name);
    expect(project.lastChangeAt).toBeInstanceOf(Date);
  });

  it("filters by technology in any part of the stack", async () => {
    const vue = await caller.project.list({ ...mine, technology: "vue" });
    const react = await caller.project.list({ ...mine, technology: "react" });
    // Of the 20 with a stack, the even-numbered have Vue instead of React.
    expect(vue.total + react.total).toBe(20);
    expect(vue.items.every((project) => project.frontend === "vue")).toBe(true);
    await expect(caller.project.list({ ...mine, technology: "express" })).resolves.toMatchObject({
      total: 20,
    });
  });

  it("searches names case-insensitively, with % and _ as plain characters", async () => {
    await makeProject(100, null, `Odd_${token} 100%`);
    await expect(caller.project.list({ ...mine, search: `odd_${token} 100%` })).resolves.toMatchObject({
      total: 1,
    });
    await expect(caller.project.list({ ...mine, search: `%${token}` })).resolves.toMatchObject({ total: 0 });
    // Case is ignored beyond ASCII too (both databases lowercase by Unicode).
    await makeProject(101, null, `ÄRGER ${token}`);
    await expect(caller.project.list({ ...mine, search: `ärger ${token}` })).resolves.toMatchObject({
      total: 1,
    });
    await expect(caller.project.list({ ...mine, search: `LIST ${token} 1` })).resolves.toMatchObject({
      // 1, 10-19
      total: 11,
    });
  });

  it("sorts by name and by last change; a new run moves its project to the top", async () => {
    const byName = await caller.project.list({ ...mine, sort: "name", search: `List ${token}` });
    const names = byName.items.map((project) => project.name);
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const project = await testDb().project.findUniqueOrThrow({ where: { slug: `list-${token}-3` } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await testDb().provisioningRun.create({
      data: { projectId: project.id, attempt: 3, status: "running", stack: STACK },
    });
    const byChange = await caller.project.list({ ...mine });
    expect(byChange.items[0]).toMatchObject({ slug: project.slug, status: "provisioning" });
  });

  it("refuses a search of 10,000 characters and an unknown status with a sentence", async () => {
    await expect(caller.project.list({ search: "x".repeat(10_000) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Search for at most 80 characters.",
    });
    await expect(
      caller.project.list({ status: "deleted" } as unknown as { status: "failed" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("lists the owners the filter offers", async () => {
    await expect(caller.project.owners()).resolves.toContainEqual({ id: owner.id, name: owner.name });
  });
});

describe("the list page's URL", () => {
  const known = { ownerIds: new Set(["u1"]), technologies: new Set(["express"]) };

  it("reads every parameter and writes them back the same", () => {
    const { query, notes } = parseProjectListParams(
      { q: " shop ", status: "failed", owner: "u1", tech: "express", sort: "name", page: "3" },
      known,
    );
    expect(notes).toEqual([]);
    expect(query).toEqual({
      search: "shop",
      status: "failed",
      ownerId: "u1",
      technology: "express",
      sort: "name",
      page: 3,
    });
    expect(projectListHref(query)).toBe("/?q=shop&status=failed&owner=u1&tech=express&sort=name&page=3");
  });

  it("ignores what it cannot use and says so, never repeating a long value back", () => {
    const { query, notes } = parseProjectListParams(
      { q: "y".repeat(10_000), status: "deleted", owner: "nobody", tech: "cobol", sort: "size", page: "-1" },
      known,
    );
    expect(query).toEqual({ sort: "changed", page: 1 });
    expect(notes).toHaveLength(6);
    expect(notes[0]).toBe("The search was ignored: it is 10000 characters long, and names have at most 80.");
    expect(notes.join(" ").length).toBeLessThan(1000);
  });

  it("takes the first of repeated parameters and leaves defaults out of links", () => {
    expect(parseProjectListParams({ status: ["failed", "interview"] }, known).query.status).toBe("failed");
    expect(projectListHref({ sort: "changed", page: 1 })).toBe("/");
  });
});
