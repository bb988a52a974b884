import { describe, expect, inject, it } from "vitest";
import { createProjectWithStack, testProvisioningConfig } from "../../test/provisioning-context";
import { expectValidProjectFolder } from "../../test/generated-project-checks";
import { testDb, uniqueName } from "../../test/test-context";
import { allValidStacks } from "../../shared/stack";
import { getCatalogue } from "../catalogue/get-catalogue";
import { provisionProject } from "./provision-project";
import { testPortRange } from "../../test/port-ranges";

describe(`every valid stack (${inject("databaseKind")})`, () => {
  it("provisions into a folder that passes every check", { timeout: 900_000 }, async () => {
    const db = testDb();
    const catalogue = await getCatalogue({ db });
    const stacks = allValidStacks(catalogue);
    // 6 backends x 5 databases x 5 frontends x 3 CSS choices, less what the rules forbid.
    expect(stacks.length).toBeGreaterThan(300);
    const config = await testProvisioningConfig({ portRange: await testPortRange(2000) });
    for (const stack of stacks) {
      const project = await createProjectWithStack(db, stack, uniqueName(Object.values(stack).join(" ")));
      const result = await provisionProject({ db, projectId: project.id, config });
      expect(result.error, JSON.stringify(stack)).toBeNull();
      expect(result.checksPassed).toEqual(
        expect.arrayContaining([
          "compose-schema",
          "env-roundtrip",
          "compose-variables-defined",
          "manifest-hashes",
        ]),
      );
      await expectValidProjectFolder(result.projectPath ?? "", stack, result);
    }
  });
});
