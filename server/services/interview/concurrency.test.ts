import { readdir } from "node:fs/promises";
import { TRPCError } from "@trpc/server";
import { describe, expect, inject, it } from "vitest";
import { expectValidProjectFolder } from "../../test/generated-project-checks";
import { testProvisioningConfig } from "../../test/provisioning-context";
import { testCaller, testDb, uniqueName } from "../../test/test-context";
import type { Stack } from "../../../provisioning/stack";
import { testPortRange } from "../../test/port-ranges";

/**
 * Simultaneous saveStack calls. The race is repeated RACE_TRIALS times (CI keeps it small; run with
 * RACE_TRIALS=100 for the full figure); the test prints how many trials ran and how many failed.
 */
const TRIALS = Number(process.env.RACE_TRIALS ?? 10);
const CALLERS = 50;
const reference: Stack = { backend: "laravel", database: "postgresql", frontend: "none", css: "tailwind" };

describe(`simultaneous saveStack calls (${inject("databaseKind")})`, () => {
  it(
    `${CALLERS} calls for one project: one run, one folder, typed conflicts for the rest`,
    { timeout: 600_000 },
    async () => {
      const config = await testProvisioningConfig({ portRange: await testPortRange() });
      const caller = testCaller(config);
      const failures: string[] = [];
      for (let trial = 0; trial < TRIALS; trial++) {
        const project = await caller.project.create({ name: uniqueName("Race") });
        const { id: interviewId } = await caller.interview.get({ slug: project.slug });
        const outcomes = await Promise.allSettled(
          Array.from({ length: CALLERS }, () =>
            caller.interview.saveStack({ interviewId, stack: reference }),
          ),
        );
        const succeeded = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
        const rejected = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as unknown] : []));
        const conflicts = rejected.filter((e) => e instanceof TRPCError && e.code === "CONFLICT");
        const runs = await testDb().provisioningRun.findMany({ where: { projectId: project.id } });
        const entries = await readdir(config.projectsDir);
        const problems = [
          succeeded.length !== 1 && `${succeeded.length} calls succeeded`,
          conflicts.length !== CALLERS - 1 &&
            `${conflicts.length} conflicts, ${rejected.length - conflicts.length} other errors`,
          runs.length !== 1 && `${runs.length} runs`,
          runs[0]?.status !== "succeeded" && `run ${runs[0]?.status}`,
          entries.some((entry) => entry.startsWith(".staging-")) && "staging leftovers",
        ].filter(Boolean);
        if (problems.length > 0) failures.push(`trial ${trial}: ${problems.join(", ")}`);
        else
          await expectValidProjectFolder(
            succeeded[0]!.provisioning.projectPath ?? "",
            reference,
            succeeded[0]!.provisioning,
          );
      }
      console.log(
        `50-caller race: ${TRIALS} trials, ${failures.length} failed${failures.length ? `: ${failures.join("; ")}` : ""}`,
      );
      expect(failures).toEqual([]);
    },
  );

  it(
    "20 calls for 20 projects: all succeed with distinct ports and valid folders",
    { timeout: 120_000 },
    async () => {
      const config = await testProvisioningConfig({ portRange: await testPortRange() });
      const caller = testCaller(config);
      const stacks: Stack[] = [
        reference,
        { backend: "none", database: "postgresql", frontend: "nextjs", css: "tailwind" },
        { backend: "django", database: "mysql", frontend: "vue", css: "bootstrap" },
        { backend: "express", database: "mongodb", frontend: "react", css: "none" },
      ];
      const interviews = await Promise.all(
        Array.from({ length: 20 }, async () => {
          const project = await caller.project.create({ name: uniqueName("Parallel") });
          return caller.interview.get({ slug: project.slug });
        }),
      );
      const results = await Promise.all(
        interviews.map((interview, i) =>
          caller.interview.saveStack({ interviewId: interview.id, stack: stacks[i % stacks.length]! }),
        ),
      );
      expect(results.every((result) => result.provisioning.success)).toBe(true);
      const ports = results.flatMap(({ provisioning: { credentials: c } }) =>
        [c?.appPort, c?.frontendPort, c?.port, c?.adminPort].filter(
          (port) => port !== null && port !== undefined,
        ),
      );
      expect(new Set(ports).size).toBe(ports.length);
      await Promise.all(
        results.map((result, i) =>
          expectValidProjectFolder(
            result.provisioning.projectPath ?? "",
            stacks[i % stacks.length]!,
            result.provisioning,
          ),
        ),
      );
    },
  );
});
