import { describe, expect, inject, it } from "vitest";
import { createProjectWithStack, testProvisioningConfig } from "../../test/provisioning-context";
import { expectValidProjectFolder } from "../../test/generated-project-checks";
import { testDb, uniqueName } from "../../test/test-context";
import { NONE, STACK_CATEGORIES, validateStack, type Catalogue, type Stack } from "../../shared/stack";
import { getCatalogue } from "../catalogue/get-catalogue";
import { provisionProject } from "./provision-project";

/** Every combination the catalogue allows, derived from the catalogue and its rules in the database. */
function allValidStacks(catalogue: Catalogue): Stack[] {
  let partials: Partial<Stack>[] = [{}];
  for (const category of STACK_CATEGORIES) {
    const choices = [...catalogue.technologies[category].map((tech) => tech.slug), NONE];
    partials = partials.flatMap((partial) => choices.map((slug) => ({ ...partial, [category]: slug })));
  }
  return partials.flatMap((stack) => {
    const result = validateStack(catalogue, stack as Stack);
    return result.ok ? [result.stack] : [];
  });
}

describe(`every valid stack (${inject("databaseKind")})`, () => {
  it("provisions into a folder that passes every check", { timeout: 900_000 }, async () => {
    const db = testDb();
    const catalogue = await getCatalogue({ db });
    const stacks = allValidStacks(catalogue);
    // 6 backends x 5 databases x 5 frontends x 3 CSS choices, less what the rules forbid.
    expect(stacks.length).toBeGreaterThan(300);
    const config = await testProvisioningConfig({ portRange: { start: 30_000, end: 38_999 } });
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
