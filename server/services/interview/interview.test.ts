import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseDotenv } from "dotenv";
import { TRPCError } from "@trpc/server";
import { describe, expect, inject, it } from "vitest";
import { testProvisioningConfig } from "../../test/provisioning-context";
import { testCaller, testDb, uniqueName } from "../../test/test-context";
import { testPortRange } from "../../test/port-ranges";

async function newInterview(caller: ReturnType<typeof testCaller>) {
  const project = await caller.project.create({ name: uniqueName("Wizard") });
  const interview = await caller.interview.get({ slug: project.slug });
  return { project, interview };
}

describe(`interview (${inject("databaseKind")})`, () => {
  it("saves answers step by step and resumes where the user left off", async () => {
    const caller = testCaller();
    const { project, interview } = await newInterview(caller);
    expect(interview).toMatchObject({
      currentStep: 2,
      status: "in_progress",
      answers: { name: project.name },
    });

    await caller.interview.saveAnswers({
      interviewId: interview.id,
      currentStep: 3,
      answers: { description: "A shop" },
    });
    const saved = await caller.interview.saveAnswers({
      interviewId: interview.id,
      currentStep: 4,
      answers: { backend: "django" },
    });
    const resumed = await caller.interview.get({ slug: project.slug });
    // The wizard keeps the newer of two copies by this time (after browser Back).
    expect(resumed.updatedAt).toEqual(saved.updatedAt);
    expect(saved.updatedAt.getTime()).toBeGreaterThanOrEqual(interview.updatedAt.getTime());
    expect(resumed).toMatchObject({
      currentStep: 4,
      answers: { name: project.name, description: "A shop", backend: "django" },
    });
    expect((await caller.project.get({ slug: project.slug })).description).toBe("A shop");
  });

  it("refuses a bad name in step 1 with the same message as project creation", async () => {
    const caller = testCaller();
    const { interview } = await newInterview(caller);
    await expect(
      caller.interview.saveAnswers({ interviewId: interview.id, currentStep: 2, answers: { name: "../x" } }),
    ).rejects.toThrow("The name cannot contain / or \\: it becomes a folder name.");
  });
});

describe(`interview.saveStack (${inject("databaseKind")})`, () => {
  it("saves the stack and provisions the project in one call, with typed credentials", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    const caller = testCaller(config);
    const { project, interview } = await newInterview(caller);
    const result = await caller.interview.saveStack({
      interviewId: interview.id,
      stack: { backend: "Laravel", database: "postgresql", frontend: "none", css: "tailwind" },
    });
    expect(result).toMatchObject({
      success: true,
      message: "Stack saved and project provisioned.",
      provisioning: {
        attempted: true,
        success: true,
        status: "succeeded",
        projectName: project.name,
        error: null,
      },
    });
    const { provisioning } = result;
    expect(provisioning.projectPath).toBe(path.join(config.projectsDir, project.slug));
    expect(provisioning.nextSteps).toEqual([`cd ${provisioning.projectPath}`, "./setup.sh"]);
    const env = parseDotenv(await readFile(path.join(provisioning.projectPath ?? "", ".env"), "utf8"));
    expect(provisioning.credentials).toMatchObject({
      databaseKind: "server",
      databaseName: env.DB_DATABASE,
      databaseUser: env.DB_USERNAME,
      hasPassword: true,
      host: "127.0.0.1",
      port: Number(env.DB_PORT),
      // Everything but the password, which only provisioning.reveal returns.
      connectionUrl: env.DATABASE_URL?.replace(`:${env.DB_PASSWORD}@`, "@"),
      appPort: Number(env.APP_PORT),
      frontendPort: null,
      adminPort: Number(env.ADMIN_PORT),
    });
    expect(JSON.stringify(result)).not.toContain(env.DB_PASSWORD);

    const saved = await caller.project.get({ slug: project.slug });
    expect(saved).toMatchObject({
      backend: "laravel",
      database: "postgresql",
      frontend: "none",
      css: "tailwind",
    });
    expect((await caller.interview.get({ slug: project.slug })).status).toBe("completed");

    const again = await caller.provisioning.credentials({ slug: project.slug });
    expect(again.credentials).toEqual(provisioning.credentials);
    const history = await caller.provisioning.history({ slug: project.slug });
    expect(history.runs).toHaveLength(1);
    expect(history.runs[0]).toMatchObject({ attempt: 1, status: "succeeded", error: null });
  });

  it("keeps the stack saved when provisioning fails, and re-provision succeeds once the cause is gone", async () => {
    const config = await testProvisioningConfig({ portRange: await testPortRange() });
    const caller = testCaller(config);
    const { project, interview } = await newInterview(caller);
    const { writeFile, rm } = await import("node:fs/promises");
    await writeFile(path.join(config.projectsDir, project.slug), "in the way");

    const result = await caller.interview.saveStack({
      interviewId: interview.id,
      stack: { backend: "none", database: "postgresql", frontend: "nextjs", css: "tailwind" },
    });
    expect(result.success).toBe(true);
    expect(result.provisioning).toMatchObject({
      success: false,
      status: "failed",
      errorCode: "UNSAFE_PATH",
      credentials: null,
    });
    expect(result.provisioning.error).toMatch(/is in the way/);
    expect((await caller.project.get({ slug: project.slug })).frontend).toBe("nextjs");

    await rm(path.join(config.projectsDir, project.slug));
    const retried = await caller.provisioning.reprovision({ slug: project.slug });
    expect(retried).toMatchObject({ success: true, attempt: 2 });
    const history = await caller.provisioning.history({ slug: project.slug });
    expect(history.runs.map((run) => run.status)).toEqual(["succeeded", "failed"]);
  });

  it("refuses an invalid stack with every reason, and saves nothing", async () => {
    const caller = testCaller(await testProvisioningConfig());
    const { project, interview } = await newInterview(caller);
    const error = await caller.interview
      .saveStack({
        interviewId: interview.id,
        stack: { backend: "none", database: "mysql", frontend: "none", css: "bootstrap" },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toContain(
      "Choose a backend or a frontend: otherwise there is nothing to run.",
    );
    expect((error as TRPCError).message).toContain("A CSS framework needs a frontend");
    const unknown = await caller.interview
      .saveStack({
        interviewId: interview.id,
        stack: { backend: "rails", database: "none", frontend: "react", css: "none" },
      })
      .catch((e: unknown) => e);
    expect((unknown as TRPCError).message).toBe("Technology 'rails' is not in the backend catalogue.");
    const saved = await caller.project.get({ slug: project.slug });
    expect(saved.stackSavedAt).toBeNull();
    expect(await testDb().provisioningRun.count({ where: { projectId: project.id } })).toBe(0);
  });
});
