import { describe, expect, inject, it } from "vitest";
import { testProvisioningConfig } from "../test/provisioning-context";
import { TEST_USERS, testCaller, testDb, uniqueName } from "../test/test-context";
import { slugify } from "../shared/project";
import { seedCatalogue } from "./seed";

describe(`the catalogue seed (${inject("databaseKind")})`, () => {
  it("removes a technology the code no longer has; a project that chose it keeps its stack and is told", async () => {
    const db = testDb();
    await db.technology.create({
      data: {
        category: "backend",
        slug: "retired-tech",
        label: "Retired",
        description: "Gone",
        sortOrder: 99,
      },
    });
    const name = uniqueName("Retired user");
    const project = await db.project.create({
      data: {
        name,
        slug: slugify(name),
        backend: "retired-tech",
        database: "none",
        frontend: "none",
        css: "none",
        stackSavedAt: new Date(),
        ownerId: TEST_USERS.member.id,
      },
    });

    await seedCatalogue(db);

    expect(await db.technology.count({ where: { slug: "retired-tech" } })).toBe(0);
    const caller = testCaller(await testProvisioningConfig());
    const catalogue = await caller.catalogue.get();
    expect(catalogue.technologies.backend.map((choice) => choice.slug)).not.toContain("retired-tech");
    // A run of the old stack is refused before it starts, with the technology's name; nothing changes.
    await expect(caller.provisioning.reprovision({ slug: project.slug })).rejects.toThrow(
      "Technology 'retired-tech' is not in the backend catalogue.",
    );
    const kept = await db.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(kept.backend).toBe("retired-tech");
    expect(await db.provisioningRun.count({ where: { projectId: project.id } })).toBe(0);
  });
});
