import { describe, expect, it } from "vitest";
import {
  readStackRecords,
  stackKey,
  stackVerification,
} from "../../provisioning/verification/verified-stacks";
import { ciStacks } from "./stacks";

/**
 * provisioning/verified-stacks.json must describe what Launchpad generates now for every stack of
 * CI's set: a change to a stack's pins, starters or templates makes its record stale, and this test
 * fails until `npm run verify:stacks -- --record` is run and the file committed.
 */
describe("provisioning/verified-stacks.json", () => {
  it("has a current record, without a failure, for every stack of CI's set", async () => {
    const records = await readStackRecords();
    const problems: string[] = [];
    for (const stack of ciStacks()) {
      const verification = await stackVerification(stack, records);
      if (verification.status !== "current") problems.push(`${stackKey(stack)}: ${verification.message}`);
      else if (verification.record.outcome === "failed")
        problems.push(`${stackKey(stack)}: failed (${verification.record.reason ?? "?"})`);
    }
    expect(problems, "run `npm run verify:stacks -- --record` and commit the file").toEqual([]);
  });
});
