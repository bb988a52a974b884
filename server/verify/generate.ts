import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Stack } from "../shared/stack";
import { CATALOGUE_VERSION } from "../../provisioning/catalogue";
import { chooseTechnologies } from "../../provisioning/plan/choose-technologies";
import { planProject } from "../../provisioning/plan/plan-project";
import { baseEnvironment, type StepFailure } from "./install";
import { runCommand, tail } from "./processes";

/**
 * An app that a framework's generator creates, created here as setup.sh would in the app's toolchain
 * image: the plan's generator, CSS and driver steps run natively (node on this machine, the generators'
 * pinned npm versions), then Launchpad's overlay from the project folder is laid over the result.
 */
export async function generateApp(
  projectDir: string,
  stack: Stack,
  folder: "backend" | "frontend",
): Promise<{ dir: string; remove(): Promise<void> } | StepFailure> {
  const plan = planProject({
    project: { slug: "verify", name: "verify", description: "" },
    stack,
    technologies: chooseTechnologies(stack),
    credentials: { databaseName: "d", databaseUser: "u", password: "p" },
    secrets: { app: "a", databaseRoot: "r" },
    ports: { app: 1, frontend: 2, database: 3, admin: 4 },
    catalogueVersion: CATALOGUE_VERSION,
    generatedAt: new Date(0),
  });
  const app = plan.apps.find((candidate) => candidate.folder === folder);
  if (!app?.generator) return { step: "generate", output: `the ${folder} has no generator` };
  const root = await mkdtemp(path.join(os.tmpdir(), "launchpad-verify-generate-"));
  const remove = () => rm(root, { recursive: true, force: true });
  // A fixed, valid package name: generators name the app after its folder.
  const dir = path.join(root, "app");
  await mkdir(dir);
  for (const step of [app.generator, ...app.cssSteps, ...app.driverSteps]) {
    const result = await runCommand(step.command, {
      cwd: dir,
      env: { ...baseEnvironment(), NEXT_TELEMETRY_DISABLED: "1", CI: "1" },
      timeoutMs: 600_000,
    });
    if (result.code !== 0) {
      await remove();
      return { step: step.command.join(" "), output: tail(result.output) };
    }
  }
  await cp(path.join(projectDir, folder, "overlay"), dir, { recursive: true }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  });
  return { dir, remove };
}
