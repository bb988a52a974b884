import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Stack } from "../../provisioning/stack";
import { chooseTechnologies } from "../../provisioning/plan/choose-technologies";
import { planProject } from "../../provisioning/plan/plan-project";
import type { PlannedApp } from "../../provisioning/plan/project-plan";
import type { ContainerStep } from "../../provisioning/technology-spec";
import { fixedPlanInput } from "../../provisioning/verification/stack-fingerprint";
import { baseEnvironment, type StepFailure } from "./install";
import { runCommand, tail } from "./processes";

/**
 * Apps made as setup.sh makes them, natively (this machine's Node, the generators' and packages'
 * pinned npm versions): the framework's generator, then Launchpad's overlay from the project folder
 * (its common files and those of the chosen CSS), then the CSS and driver steps, then an install from
 * the app's own manifest. A generator runs once per run: its output, installed, is copied for each
 * stack that needs it, so three CSS choices cost one generator run.
 */
export type GeneratedApp = { dir: string; remove(): Promise<void> };

const STEP_TIMEOUT_MS = 600_000;

export const planFor = (stack: Stack) =>
  planProject({ ...fixedPlanInput(stack), technologies: chooseTechnologies(stack) });

export function plannedApp(stack: Stack, folder: "backend" | "frontend"): PlannedApp | undefined {
  return planFor(stack).apps.find((candidate) => candidate.folder === folder);
}

async function runSteps(steps: ContainerStep[], dir: string): Promise<StepFailure | null> {
  for (const step of steps) {
    const result = await runCommand(step.command, {
      cwd: dir,
      env: { ...baseEnvironment(), NEXT_TELEMETRY_DISABLED: "1", CI: "1" },
      timeoutMs: STEP_TIMEOUT_MS,
    });
    if (result.code !== 0) return { step: step.command.join(" "), output: tail(result.output) };
  }
  return null;
}

/** Installs a Node app from its manifest when its generator left it uninstalled (create-vite). */
const INSTALL: ContainerStep = { command: ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"] };

export class AppGenerator {
  private readonly root = mkdtemp(path.join(os.tmpdir(), "launchpad-verify-generate-"));
  private readonly outputs = new Map<string, Promise<string | StepFailure>>();

  /** The generator's installed output, made once per generator command. */
  private output(app: PlannedApp): Promise<string | StepFailure> {
    const key = JSON.stringify(app.generator);
    let output = this.outputs.get(key);
    if (!output) {
      output = (async () => {
        const dir = await mkdtemp(path.join(await this.root, `${app.slug}-`));
        // A fixed, valid package name: generators name the app after its folder.
        const appDir = path.join(dir, "app");
        await mkdir(appDir);
        const failure = await runSteps(
          [app.generator!, ...(existsSync(path.join(appDir, "node_modules")) ? [] : [INSTALL])],
          appDir,
        );
        return failure ?? appDir;
      })();
      this.outputs.set(key, output);
    }
    return output;
  }

  /**
   * Starts the generators the stacks need, one after the other, in the background: they mostly wait
   * on npm, so they overlap the backends' checks. `create` then finds them made (or waits for them).
   */
  prefetch(stacks: Stack[]): void {
    const apps = stacks.flatMap((stack) =>
      (["frontend", "backend"] as const).flatMap((folder) => {
        const app = plannedApp(stack, folder);
        return app?.generator ? [app] : [];
      }),
    );
    // A failure is kept in its memoized promise and reported by the stack that needs the app.
    void apps.reduce<Promise<unknown>>(
      (previous, app) => previous.then(() => this.output(app)).catch(() => undefined),
      Promise.resolve(),
    );
  }

  /** A fresh copy of the app as setup.sh would leave it for this stack's project. */
  async create(
    projectDir: string,
    stack: Stack,
    folder: "backend" | "frontend",
  ): Promise<GeneratedApp | StepFailure> {
    const app = plannedApp(stack, folder);
    if (!app?.generator) return { step: "generate", output: `the ${folder} has no generator` };
    const output = await this.output(app);
    if (typeof output !== "string") return output;
    const dir = await mkdtemp(path.join(await this.root, `${app.slug}-${stack.css}-`));
    const remove = () => rm(dir, { recursive: true, force: true });
    const appDir = path.join(dir, "app");
    // verbatimSymlinks: node_modules/.bin links stay relative, into this copy.
    await cp(output, appDir, { recursive: true, verbatimSymlinks: true });
    await cp(path.join(projectDir, folder, "overlay"), appDir, { recursive: true }).catch(
      (error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      },
    );
    const failure = await runSteps([...app.cssSteps, ...app.driverSteps, INSTALL], appDir);
    if (failure) {
      await remove();
      return failure;
    }
    return { dir: appDir, remove };
  }

  async removeAll(): Promise<void> {
    await rm(await this.root, { recursive: true, force: true });
  }
}
