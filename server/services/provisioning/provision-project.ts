import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError, isAppError } from "../../errors/app-error";
import { deriveProjectSecrets } from "../../security/project-secrets";
import { redact } from "../../security/redact";
import type { Stack } from "../../../provisioning/stack";
import { CATALOGUE_VERSION } from "../../../provisioning/catalogue";
import { checkProjectFiles } from "../../../provisioning/check/check-project-files";
import { chooseTechnologies } from "../../../provisioning/plan/choose-technologies";
import { planProject } from "../../../provisioning/plan/plan-project";
import { requiredPortPurposes } from "../../../provisioning/plan/ports";
import { buildProjectFiles } from "../../../provisioning/render/build-project-files";
import { loadGeneratorAssets } from "../../../provisioning/render/generator-assets";
import { MANIFEST_FILE } from "../../../provisioning/render/render-manifest";
import { checkSetupScript } from "./check-setup-script";
import { recordLaunchpadCommit } from "../git/record-launchpad-commit";
import { DEFAULT_GIT_SETTINGS } from "../git/git-settings";
import type { ProjectPlan } from "../../../provisioning/plan/project-plan";
import { assignPorts } from "./ports";
import { commitStaging, locateProjectFolder, removeStaging, writeStaging } from "./project-folder";
import { ensureDatabaseCredentials, dropDatabaseCredentials } from "./project-credentials";
import { leaseOf, type ProvisioningConfig } from "./provisioning-config";
import { keepLeaseAlive } from "./run-lease";
import { trackRun } from "../instances/runs-in-flight";
import { PORT_BIND_CHECK_SKIPPED } from "./port-bind-check";
import type { ProvisioningResult } from "./provisioning-result";
import { claimRun, failRun, renewLease, succeedRun } from "./provisioning-runs";
import { credentialsView, failureNextSteps, nextSteps } from "./provisioning-view";
import {
  describeFailure,
  GeneratedFileCheckError,
  inStep,
  PROVISIONING_STEPS,
  StepTimeoutError,
  unwrapStepError,
} from "./run-failure";

export type { ProvisioningConfig } from "./provisioning-config";

const LEASE_LOST =
  "This run was taken as interrupted while it worked (its instance stopped renewing it for too long), so it left the project folder alone. Run it again.";

/** The project fields provisioning reads; saveStack passes them, everyone else passes an id. */
export type ProjectToProvision = { id: string; slug: string; name: string; description: string };

/**
 * Provisions a project's saved stack into PROJECTS_DIR/<slug>/ and records the run: load, plan,
 * stage, check, commit, record. Never leaves a half-written folder. Failures come back as a result
 * with `success: false` and the reason (the run is recorded as failed); only a run that could not
 * start because another one is in progress throws (PROVISIONING_IN_PROGRESS).
 */
export async function provisionProject(
  options: { db: PrismaClient; config: ProvisioningConfig } & (
    | { projectId: string }
    /** From saveStack: the project it just saved, its stack, and the run it claimed before saving. */
    | { project: ProjectToProvision; stack: Stack; claimedRun: { id: string; attempt: number } }
  ),
): Promise<ProvisioningResult> {
  const { db, config } = options;
  const { project, stack, run } =
    "claimedRun" in options
      ? { ...options, run: options.claimedRun }
      : await loadAndClaim(db, options.projectId, config);
  // Other instances fail the run if its lease runs out: renewed while this process works on it.
  const lease = keepLeaseAlive(db, run.id, leaseOf(config));
  try {
    return await trackRun(run.id, provisionClaimedRun(db, config, project, stack, run));
  } finally {
    lease.stop();
  }
}

async function provisionClaimedRun(
  db: PrismaClient,
  config: ProvisioningConfig,
  project: ProjectToProvision,
  stack: Stack,
  run: { id: string; attempt: number },
): Promise<ProvisioningResult> {
  const secrets: string[] = [];
  const log: string[] = [];
  let staging: string | undefined;
  let scriptsUsed: string[] = [];
  let checksPassed: string[] = [];
  try {
    const technologies = await inStep("plan", () => chooseTechnologies(stack));
    const needsCredentials = technologies.some((tech) => tech.spec.kind === "server-database");
    // Each step's work is tagged with its step, so a failure names where it happened.
    const [ports, credentials, location, assets] = await Promise.all([
      inStep("ports", () =>
        assignPorts({
          db,
          projectId: project.id,
          purposes: requiredPortPurposes(technologies.map((tech) => tech.spec)),
          range: config.portRange,
          bindCheck: config.portBindCheck ?? true,
        }),
      ),
      inStep("credentials", () =>
        needsCredentials
          ? ensureDatabaseCredentials({ db, projectId: project.id, slug: project.slug, key: config.key })
          : dropDatabaseCredentials(db, project.id).then(() => null),
      ),
      inStep("folder", () => locateProjectFolder(config.projectsDir, project.slug)),
      inStep("write", () => loadGeneratorAssets()),
    ]);
    if (credentials) secrets.push(credentials.password);
    if (config.portBindCheck === false) log.push(PORT_BIND_CHECK_SKIPPED);
    const projectSecrets = deriveProjectSecrets(config.key, project.id);
    secrets.push(projectSecrets.app, projectSecrets.databaseRoot);

    const { plan, generated } = await inStep("plan", () => {
      const plan = planProject({
        project: { slug: project.slug, name: project.name, description: project.description },
        stack,
        technologies,
        credentials,
        secrets: projectSecrets,
        ports,
        catalogueVersion: CATALOGUE_VERSION,
        generatedAt: new Date(),
      });
      return { plan, generated: buildProjectFiles(plan, assets) };
    });
    staging = await inStep("write", () =>
      writeStaging(location, project.slug, generated.files, generated.directories, run.id),
    );
    const staged = staging;

    // The shell check runs in its own process while the file checks run here.
    const [files, shell] = await inStep("check", () =>
      Promise.all([
        checkProjectFiles(staged, generated),
        checkSetupScript({ dir: staged, timeoutMs: config.timeoutMs, shellcheck: config.shellcheck }),
      ]),
    );
    scriptsUsed = ["check-shell-script.sh"];
    checksPassed = [...files.passed, ...shell.passed];
    log.push(`$ check-shell-script.sh setup.sh\n${shell.script?.output ?? "verdict reused: same content\n"}`);
    if (files.failure) log.push(`File checks: ${files.failure}`);
    await inStep("check", () => {
      // A generated file that failed its check is the finding; a timed-out shell check comes after.
      if (files.failure) throw new GeneratedFileCheckError(files.failure);
      if (shell.script?.timedOut) throw new StepTimeoutError(config.timeoutMs);
      if (shell.failure) throw new GeneratedFileCheckError(shell.failure);
    });

    // Only a run still this instance's may touch the project folder: one whose lease another instance
    // took as expired is failed there, and its project may already be provisioned again.
    await inStep("commit", async () => {
      if (!(await renewLease(db, run.id, leaseOf(config))))
        throw new AppError("PROVISIONING_FAILED", LEASE_LOST);
    });
    const { keptAsNew, createdFolder } = await inStep("commit", () =>
      commitStaging({
        location,
        staging: staged,
        files: generated.files,
        directories: generated.directories,
        manifestFile: MANIFEST_FILE,
      }),
    );
    staging = undefined;
    if (keptAsNew.length > 0)
      log.push(`Kept your changes; new versions written beside them: ${keptAsNew.join(", ")}`);
    // Never fails the run (the product rule): a git problem becomes the run's "not committed" note.
    const git = await recordLaunchpadCommit({
      folder: location.target,
      files: generated.files,
      keptAsNew,
      createdFolder,
      message: commitMessage(plan),
      settings: config.git ?? DEFAULT_GIT_SETTINGS,
    });
    log.push(git.note);

    const recorded = await inStep("record", () =>
      succeedRun(db, run.id, {
        scriptsUsed,
        checksPassed,
        log: redact(log.join("\n"), secrets),
        projectPath: location.target,
        git,
      }),
    );
    if (!recorded)
      console.warn(
        `Provisioning run ${run.id} wrote its files, but another instance had failed it meanwhile.`,
      );
    return {
      ...resultBase(project, run),
      success: true,
      status: "succeeded",
      projectPath: location.target,
      credentials: credentialsView(plan.connection, ports),
      nextSteps: nextSteps(location.target),
      urls: plan.urls.map(({ label, url }) => ({ label, url })),
      scriptsUsed,
      checksPassed,
      filesKeptAsNew: keptAsNew,
      git,
      error: null,
      errorCode: null,
      failure: null,
    };
  } catch (error) {
    await removeStaging(staging).catch(() => undefined);
    const cause = unwrapStepError(error);
    const described = describeFailure(error);
    const failure = { ...described, reason: redact(described.reason, secrets) };
    if (failure.fault === "launchpad") {
      console.error(`Provisioning failed (${failure.step}):`, redact(String(cause), secrets));
    }
    log.push(`Failed while ${PROVISIONING_STEPS[failure.step].toLowerCase()}: ${failure.reason}`);
    await failRun(db, run.id, {
      failure,
      scriptsUsed,
      checksPassed,
      log: redact(log.join("\n"), secrets),
    });
    return {
      ...resultBase(project, run),
      success: false,
      status: "failed",
      projectPath: null,
      credentials: null,
      nextSteps: failureNextSteps(failure),
      urls: [],
      scriptsUsed,
      checksPassed,
      filesKeptAsNew: [],
      git: null,
      error: failure.reason,
      errorCode: isAppError(cause) ? cause.code : "PROVISIONING_FAILED",
      failure: { ...failure, stepLabel: PROVISIONING_STEPS[failure.step] },
    };
  }
}

/** A project and its saved stack from the database; refused while no stack is saved. */
export async function loadSavedStack(db: PrismaClient, projectId: string) {
  const row = await db.project.findUnique({
    where: { id: projectId },
    select: {
      id: true,
      name: true,
      slug: true,
      description: true,
      ownerId: true,
      backend: true,
      database: true,
      frontend: true,
      css: true,
    },
  });
  if (!row) throw new AppError("NOT_FOUND", "That project no longer exists.");
  const { backend, database, frontend, css, ownerId, ...project } = row;
  if (!backend || !database || !frontend || !css) {
    throw new AppError("INVALID_INPUT", "Save the project's stack before provisioning it.");
  }
  const stack: Stack = { backend, database, frontend, css };
  return { project, ownerId, stack };
}

/** The project and its saved stack from the database, and a new run (in-process callers). */
async function loadAndClaim(db: PrismaClient, projectId: string, config: ProvisioningConfig) {
  const { project, stack } = await loadSavedStack(db, projectId);
  const run = await claimRun({ db, projectId, stack, config });
  return { project, stack, run };
}

function resultBase(project: ProjectToProvision, run: { id: string; attempt: number }) {
  return {
    attempted: true,
    runId: run.id,
    attempt: run.attempt,
    projectName: project.name,
    projectSlug: project.slug,
  };
}

/** The commit's message: the stack it was generated for, then where it came from. */
function commitMessage(plan: ProjectPlan): string {
  const stack = plan.technologies.map((tech) => tech.label).join(" + ") || "no technologies";
  return `Launchpad: ${stack}\n\nGenerated by Launchpad for ${plan.project.name} (catalogue ${plan.catalogueVersion}, templates ${plan.templateVersion}).`;
}
