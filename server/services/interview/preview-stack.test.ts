import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { PORT_PLACEHOLDER, SECRET_PLACEHOLDER } from "../../../provisioning/render/preview-project-files";
import { testProvisioningConfig } from "../../test/provisioning-context";
import { testCaller, testDb, TEST_USERS, uniqueName } from "../../test/test-context";

/** The review step's preview (issue 27), through the API as the browser calls it. */
const STACK = { backend: "express", database: "postgresql", frontend: "react", css: "tailwind" };

/**
 * Every row of the project that a save, a run or a reveal could write (only its own: other test files
 * write to the same database meanwhile), and the project and interview rows as they are.
 */
async function rowCounts(projectId: string) {
  const db = testDb();
  const where = { where: { projectId } };
  const [runs, ports, credentials, audit, project, interview] = await Promise.all([
    db.provisioningRun.count(where),
    db.portAllocation.count(where),
    db.projectCredentials.count(where),
    db.auditEntry.count(where),
    db.project.findUniqueOrThrow({ where: { id: projectId } }),
    db.interview.findUniqueOrThrow(where),
  ]);
  return { runs, ports, credentials, audit, project, interview };
}

describe("interview.preview", () => {
  it("shows provisioning's files with placeholders, and allocates, creates and writes nothing", async () => {
    const config = await testProvisioningConfig();
    const caller = testCaller(config);
    const project = await caller.project.create({ name: uniqueName("Preview"), description: "Shop" });
    const interview = await caller.interview.get({ slug: project.slug });
    const rowsBefore = await rowCounts(project.id);

    const preview = await caller.interview.preview({ interviewId: interview.id, stack: STACK });

    expect(await rowCounts(project.id)).toEqual(rowsBefore);
    expect(await readdir(config.projectsDir)).toEqual([]);
    const paths = preview.files.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(["docker-compose.yml", ".env", "setup.sh", "README.md"]));
    expect(preview.files.find((file) => file.path === "setup.sh")!.mode).toBe(0o755);
    const env = preview.files.find((file) => file.path === ".env")!;
    expect(env.mode).toBe(0o600);
    expect(env.content).toContain(`DB_PASSWORD=${SECRET_PLACEHOLDER}`);
    expect(env.content).toContain(`DB_PORT=${PORT_PLACEHOLDER}`);
    expect(env.content).toContain(`DB_DATABASE=${project.slug.replace(/-/g, "_")}`);
    expect(preview.files.find((file) => file.path === "README.md")!.content).toContain(project.name);
  });

  it("refuses a stack the catalogue does not allow, by its reason", async () => {
    const caller = testCaller(await testProvisioningConfig());
    const project = await caller.project.create({ name: uniqueName("Preview bad") });
    const interview = await caller.interview.get({ slug: project.slug });
    await expect(
      caller.interview.preview({
        interviewId: interview.id,
        stack: { ...STACK, database: "mongodb", backend: "django" },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      caller.interview.preview({ interviewId: interview.id, stack: { ...STACK, backend: "cobol" } }),
    ).rejects.toThrow(/cobol|backend/i);
  });

  it("is the owner's or an admin's, as the interview is", async () => {
    const project = await testCaller(await testProvisioningConfig()).project.create({
      name: uniqueName("Preview other"),
    });
    const interview = await testCaller().interview.get({ slug: project.slug });
    const other = testCaller(undefined, TEST_USERS.otherMember);
    await expect(other.interview.preview({ interviewId: interview.id, stack: STACK })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const admin = testCaller(undefined, TEST_USERS.admin);
    await expect(admin.interview.preview({ interviewId: interview.id, stack: STACK })).resolves.toBeTruthy();
  });
});
