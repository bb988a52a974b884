import { describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "../db/embedded";
import { createPrismaClient } from "../db/client";
import { prepareDatabase } from "../db/prepare";
import { acceptInvite, createInvite, DEFAULT_INVITE_LIFETIME_HOURS } from "../services/accounts/invites";
import { createFirstAdmin } from "../services/accounts/create-user";
import { transferOwnership } from "../services/projects/transfer-ownership";
import { testProvisioningConfig } from "../test/provisioning-context";
import { TEST_PASSWORD, TEST_USERS, testAudit, testCaller, testDb, uniqueName } from "../test/test-context";

/**
 * Roles and ownership through the procedures themselves (the same callers the API uses), on the
 * run's real database. The HTTP-level matrix is e2e/authorization.spec.ts.
 */
const stack = { backend: "express", database: "postgresql", frontend: "none", css: "none" } as const;

async function ownedProject() {
  const config = await testProvisioningConfig();
  const owner = testCaller(config, TEST_USERS.member);
  const project = await owner.project.create({ name: uniqueName("Owned") });
  const interview = await owner.interview.get({ slug: project.slug });
  return { config, project, interview };
}

describe("roles and ownership", () => {
  it("a viewer sees projects and history but creates and changes nothing", async () => {
    const { config, project, interview } = await ownedProject();
    const viewer = testCaller(config, TEST_USERS.viewer);
    expect((await viewer.project.get({ slug: project.slug })).ownerId).toBe(TEST_USERS.member.id);
    await expect(viewer.provisioning.history({ slug: project.slug })).resolves.toMatchObject({ runs: [] });
    await expect(viewer.project.create({ name: uniqueName("Viewer") })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(viewer.interview.saveStack({ interviewId: interview.id, stack })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only the project's owner or an admin can change this project.",
    });
  });

  it("a member works on their own projects only; the owner and admins re-provision and see credentials", async () => {
    const { config, project, interview } = await ownedProject();
    const owner = testCaller(config, TEST_USERS.member);
    const other = testCaller(config, TEST_USERS.otherMember);
    const admin = testCaller(config, TEST_USERS.admin);
    await expect(other.interview.saveStack({ interviewId: interview.id, stack })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      other.interview.saveAnswers({
        interviewId: interview.id,
        currentStep: 3,
        answers: { description: "x" },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const saved = await owner.interview.saveStack({ interviewId: interview.id, stack });
    expect(saved.provisioning.success).toBe(true);
    await expect(other.provisioning.reprovision({ slug: project.slug })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(other.provisioning.credentials({ slug: project.slug })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(other.provisioning.runLog({ slug: project.slug, attempt: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(owner.provisioning.runLog({ slug: project.slug, attempt: 1 })).resolves.toHaveProperty(
      "log",
    );
    await expect(admin.provisioning.reprovision({ slug: project.slug })).resolves.toMatchObject({
      success: true,
    });
    await expect(admin.provisioning.credentials({ slug: project.slug })).resolves.toHaveProperty(
      "credentials",
    );
  });

  it("the owner or an admin transfers ownership, to an active member or admin; the new owner can then work on it", async () => {
    const { config, project, interview } = await ownedProject();
    const owner = testCaller(config, TEST_USERS.member);
    const admin = testCaller(config, TEST_USERS.admin);
    const viewer = testCaller(config, TEST_USERS.viewer);
    await expect(
      viewer.project.transferOwnership({ slug: project.slug, newOwnerEmail: TEST_USERS.viewer.email }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      admin.project.transferOwnership({ slug: project.slug, newOwnerEmail: TEST_USERS.viewer.email }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Test Viewer is a viewer: viewers cannot own projects.",
    });
    // An owner who is a member is offered names, never the team's emails; an admin gets both.
    const offered = await owner.project.transferCandidates({ slug: project.slug });
    expect(offered).toContainEqual({
      id: TEST_USERS.otherMember.id,
      name: TEST_USERS.otherMember.name,
      email: null,
    });
    expect(offered.map((person) => person.id)).not.toContain(TEST_USERS.member.id);
    expect(offered.map((person) => person.id)).not.toContain(TEST_USERS.viewer.id);
    await expect(admin.project.transferCandidates({ slug: project.slug })).resolves.toContainEqual({
      id: TEST_USERS.otherMember.id,
      name: TEST_USERS.otherMember.name,
      email: TEST_USERS.otherMember.email,
    });
    // Refusals to a member say one sentence, whether the address has no account or a viewer's.
    for (const newOwnerEmail of [TEST_USERS.viewer.email, "nobody@test.invalid"]) {
      await expect(
        owner.project.transferOwnership({ slug: project.slug, newOwnerEmail }),
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: "Choose an active member or admin to hand it to.",
      });
    }
    await owner.project.transferOwnership({ slug: project.slug, newOwnerId: TEST_USERS.otherMember.id });
    // A hand-over authorized against the old owner changes nothing once another has happened.
    await expect(
      transferOwnership({
        db: testDb(),
        slug: project.slug,
        newOwner: { id: TEST_USERS.member.id },
        expectedOwnerId: TEST_USERS.member.id,
        audit: testAudit(),
      }),
    ).rejects.toMatchObject({ code: "CHANGED_MEANWHILE" });
    // The former owner is now a member like any other: handing it on again is refused.
    await expect(
      owner.project.transferOwnership({ slug: project.slug, newOwnerEmail: TEST_USERS.member.email }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = testCaller(config, TEST_USERS.otherMember);
    await expect(
      other.interview.saveAnswers({
        interviewId: interview.id,
        currentStep: 3,
        answers: { description: "mine" },
      }),
    ).resolves.toMatchObject({ currentStep: 3 });
    await expect(
      owner.interview.saveAnswers({
        interviewId: interview.id,
        currentStep: 3,
        answers: { description: "no" },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("account administration is for admins only", async () => {
    for (const user of [TEST_USERS.member, TEST_USERS.viewer]) {
      const caller = testCaller(undefined, user);
      await expect(caller.admin.users()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.admin.createInvite({ role: "admin" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.admin.setRole({ userId: user.id, role: "admin" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect((await testDb().user.findUniqueOrThrow({ where: { id: TEST_USERS.member.id } })).role).toBe(
      "member",
    );
  });
});

describe("invites", () => {
  it("work once, for the role they were made for, and not after they expire", async () => {
    const invite = await createInvite({
      db: testDb(),
      role: "viewer",
      audit: testAudit(),
      publicOrigin: "http://localhost:3000",
    });
    const token = invite.url.split("/invite/")[1]!;
    const email = `${uniqueName("invitee").toLowerCase().replace(/\W+/g, "-")}@test.invalid`;
    const input = { token, name: "Invitee", email, password: TEST_PASSWORD };
    await expect(acceptInvite({ db: testDb(), input, audit: { headers: null } })).resolves.toMatchObject({
      email,
      role: "viewer",
    });
    await expect(
      acceptInvite({ db: testDb(), input: { ...input, email: `again-${email}` }, audit: { headers: null } }),
    ).rejects.toThrow("This link cannot be used. Ask an admin for a new one.");
    expect(await testDb().user.findUnique({ where: { email: `again-${email}` } })).toBeNull();

    const old = await createInvite({
      db: testDb(),
      role: "member",
      audit: testAudit(),
      publicOrigin: "http://localhost:3000",
      now: new Date(Date.now() - DEFAULT_INVITE_LIFETIME_HOURS * 3_600_000 - 1000),
    });
    const late = { ...input, token: old.url.split("/invite/")[1]!, email: `late-${email}` };
    await expect(acceptInvite({ db: testDb(), input: late, audit: { headers: null } })).rejects.toMatchObject(
      { code: "FORBIDDEN" },
    );
    expect(await testDb().user.findUnique({ where: { email: late.email } })).toBeNull();
    // Only the hash of the token is stored.
    expect(JSON.stringify(await testDb().invite.findMany())).not.toContain(token);
  });
});

describe("upgrade", () => {
  it("projects from before accounts existed get the first admin as owner", async () => {
    const database = await startEmbeddedDatabase();
    const db = createPrismaClient(database.url, 2);
    try {
      await prepareDatabase(database.url);
      await db.project.create({ data: { name: "Legacy", slug: "legacy" } });
      const admin = await createFirstAdmin({
        db,
        account: { email: "first@test.invalid", name: "First", password: TEST_PASSWORD },
      });
      expect((await db.project.findUniqueOrThrow({ where: { slug: "legacy" } })).ownerId).toBe(admin.id);
    } finally {
      await db.$disconnect();
      await database.stop();
    }
  });
});
