import { describe, expect, inject, it } from "vitest";
import { createUser } from "../services/accounts/create-user";
import { testProvisioningConfig } from "../test/provisioning-context";
import { TEST_PASSWORD, testCaller, testDb, uniqueName } from "../test/test-context";

/**
 * Per-user limits (issue 23): one member made 20 projects (80 ports) in 1.9 s. New projects and
 * provisioning runs (saves and re-provisions) are counted per person in the database; past the limit
 * the call is refused with what the limit is and when to go on, and creates nothing.
 */
const LIMITS = { projects: 2, runs: 2, windowSeconds: 600 };

async function limitedMember() {
  const email = `${uniqueName("limited").toLowerCase().replace(/\W+/g, "-")}@test.invalid`;
  const user = await createUser({
    db: testDb(),
    account: { email, name: "Limited Member", password: TEST_PASSWORD, role: "member" },
  });
  const config = await testProvisioningConfig();
  return { user, config, caller: testCaller(config, { ...user, role: "member" }, new Headers(), LIMITS) };
}

describe(`per-user limits (${inject("databaseKind")})`, () => {
  it("refuse a project past the limit, even when the calls come at once, and create nothing more", async () => {
    const { user, caller } = await limitedMember();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => caller.project.create({ name: uniqueName("Limited") })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(2);
    const refused = results.find((result) => result.status === "rejected");
    expect(refused).toMatchObject({ reason: { code: "TOO_MANY_REQUESTS" } });
    expect((refused as PromiseRejectedResult).reason).toHaveProperty(
      "message",
      expect.stringMatching(
        /^You may start at most 2 new projects in 10 minutes\. Try again in \d+ s\.$/,
      ) as string,
    );
    expect(await testDb().project.count({ where: { ownerId: user.id } })).toBe(2);
  });

  it("count saves and re-provisions together as provisioning runs", async () => {
    const { user, caller } = await limitedMember();
    const project = await caller.project.create({ name: uniqueName("Runs") });
    const interview = await caller.interview.get({ slug: project.slug });
    const stack = { backend: "express", database: "sqlite", frontend: "none", css: "none" };
    await expect(caller.interview.saveStack({ interviewId: interview.id, stack })).resolves.toMatchObject({
      provisioning: { success: true },
    });
    await expect(caller.provisioning.reprovision({ slug: project.slug })).resolves.toMatchObject({
      success: true,
    });
    await expect(caller.provisioning.reprovision({ slug: project.slug })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringContaining("provisioning runs") as string,
    });
    const runs = await testDb().provisioningRun.count({ where: { project: { ownerId: user.id } } });
    expect(runs).toBe(2);
  });
});
