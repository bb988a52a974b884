import { describe, expect, inject, it } from "vitest";
import { createProjectWithStack, testProvisioningConfig } from "../../test/provisioning-context";
import { expectValidProjectFolder } from "../../test/generated-project-checks";
import { testDb, uniqueName } from "../../test/test-context";
import { allValidStacks } from "../../../provisioning/stack";
import { getCatalogue } from "../catalogue/get-catalogue";
import { provisionProject } from "./provision-project";
import { testPortRange } from "../../test/port-ranges";

/**
 * The generated files do not depend on which database holds Launchpad's own rows, so the embedded run
 * provisions every valid stack and the PostgreSQL run every tenth (a spread over every backend), which
 * keeps CI's time for verify:docker.
 */
const databaseKind = inject("databaseKind");
const EVERY = databaseKind === "embedded" ? 1 : 10;

describe(`every valid stack (${databaseKind}${EVERY > 1 ? `: every ${EVERY}th` : ""})`, () => {
  it("provisions into a folder that passes every check", { timeout: 900_000 }, async () => {
    const db = testDb();
    const catalogue = await getCatalogue({ db });
    const valid = allValidStacks(catalogue);
    // 6 backends x 5 databases x 5 frontends x 3 CSS choices, less what the rules forbid.
    expect(valid.length).toBeGreaterThan(300);
    const stacks = valid.filter((_, index) => index % EVERY === 0);
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
