import "server-only";
import path from "node:path";
import type { PrismaClient } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { AppError, isAppError } from "../../errors/app-error";
import { redact } from "../../security/redact";
import { loadSecretKey, type SecretKey } from "../../security/secret-box";
import { env } from "../../env";
import type { Stack } from "../../shared/stack";
import { CATALOGUE_VERSION } from "../../../provisioning/catalogue";
import { assignPorts, type PortAssignment, type PortRange } from "./ports";
import { buildProjectFiles, MANIFEST_FILE, portPurposesFor, type ConnectionInfo } from "./project-files";
import { commitStaging, locateProjectFolder, removeStaging, writeStaging } from "./project-folder";
import { dropDatabaseCredentials, ensureDatabaseCredentials } from "./project-credentials";
import type { Credentials, ProvisioningResult } from "./provisioning-result";
import { loadChosenTechnologies } from "./technologies";
import { INTERRUPTED_REASON } from "./recover-interrupted-runs";
import { verifyProject } from "./verify-project";

export type ProvisioningConfig = {
  projectsDir: string;
  timeoutMs: number;
  portRange: PortRange;
  key: SecretKey;
  /** The shellcheck program to run; shellcheck on PATH when unset. */
  shellcheck?: string;
};

/** The provisioning settings of this process (server/env.ts), with the secret key. */
export function provisioningConfigFromEnv(): ProvisioningConfig {
  const config = env();
  return {
    projectsDir: config.projectsDir,
    timeoutMs: config.PROVISION_TIMEOUT_MS,
    portRange: { start: config.PROVISION_PORT_RANGE_START, end: config.PROVISION_PORT_RANGE_END },
    key: loadSecretKey(),
    shellcheck: config.PROVISION_SHELLCHECK,
  };
}

const LOG_TAIL_CHARS = 4000;

/**
 * Provisions a project's saved stack into PROJECTS_DIR/<slug>/ and records the run. Never leaves a
 * half-written folder: the files are staged, checked, then moved into place. Failures come back as a
 * result with `success: false` and the reason (the run is recorded as failed); only a run that could
 * not start because another one is in progress throws (PROVISIONING_IN_PROGRESS).
 */
export async function provisionProject(options: {
  db: PrismaClient;
  projectId: string;
  config: ProvisioningConfig;
  /** A run already claimed with claimProvisioningRun (saveStack claims before it saves). */
  claimedRunId?: string;
}): Promise<ProvisioningResult> {
  const { db, config } = options;
  const project = await db.project.findUnique({
    where: { id: options.projectId },
    select: {
      id: true,
      name: true,
      slug: true,
      description: true,
      backend: true,
      database: true,
      frontend: true,
      css: true,
    },
  });
  if (!project) throw new AppError("NOT_FOUND", "That project no longer exists.");
  const { backend, database, frontend, css } = project;
  if (!backend || !database || !frontend || !css) {
    throw new AppError("INVALID_INPUT", "Save the project's stack before provisioning it.");
  }
  const stack: Stack = { backend, database, frontend, css };
  const run = options.claimedRunId
    ? await db.provisioningRun.update({
        where: { id: options.claimedRunId },
        data: { status: "running", stack },
      })
    : await claimProvisioningRun({ db, projectId: project.id, stack, staleAfterMs: staleAfter(config) });

  const secrets: string[] = [];
  let staging: string | undefined;
  const log: string[] = [];
  try {
    const technologies = await loadChosenTechnologies(db, stack);
    const ports = await assignPorts({
      db,
      projectId: project.id,
      purposes: portPurposesFor(technologies),
      range: config.portRange,
    });
    const needsServerCredentials = technologies.some((tech) => tech.spec.kind === "server-database");
    const credentials = needsServerCredentials
      ? await ensureDatabaseCredentials({ db, projectId: project.id, slug: project.slug, key: config.key })
      : null;
    if (!needsServerCredentials) await dropDatabaseCredentials(db, project.id);
    if (credentials) secrets.push(credentials.password);

    const location = await locateProjectFolder(config.projectsDir, project.slug);
    const generated = await buildProjectFiles({
      slug: project.slug,
      name: project.name,
      description: project.description,
      stack,
      technologies,
      credentials,
      ports,
      catalogueVersion: CATALOGUE_VERSION,
      generatedAt: new Date(),
    });
    staging = await writeStaging(location, project.slug, generated.files, generated.directories);
    const checks = await verifyProject({
      dir: staging,
      generated,
      timeoutMs: config.timeoutMs,
      shellcheck: config.shellcheck,
    });
    for (const script of checks.scripts) log.push(`$ ${script.script}\n${script.output}`);
    const scriptsUsed = checks.scripts.map((script) => script.script);
    if (checks.failure) {
      throw new RunFailure(checks.failure, scriptsUsed, checks.passed);
    }
    const { keptAsNew } = await commitStaging({
      location,
      staging,
      files: generated.files,
      directories: generated.directories,
      manifestFile: MANIFEST_FILE,
    });
    staging = undefined;
    if (keptAsNew.length > 0)
      log.push(`Kept your changes; new versions written beside them: ${keptAsNew.join(", ")}`);

    const finished = await db.provisioningRun.update({
      where: { id: run.id },
      data: {
        status: "succeeded",
        finishedAt: new Date(),
        scriptsUsed,
        checksPassed: checks.passed,
        logTail: redact(log.join("\n"), secrets).slice(-LOG_TAIL_CHARS),
        projectPath: location.target,
      },
    });
    return {
      attempted: true,
      success: true,
      status: "succeeded",
      runId: finished.id,
      attempt: finished.attempt,
      projectName: project.name,
      projectSlug: project.slug,
      projectPath: location.target,
      credentials: credentialsView(generated.connection, ports),
      nextSteps: nextSteps(location.target),
      urls: generated.urls,
      scriptsUsed,
      checksPassed: checks.passed,
      filesKeptAsNew: keptAsNew,
      error: null,
      errorCode: null,
    };
  } catch (error) {
    await removeStaging(staging).catch(() => undefined);
    const reason = redact(failureReason(error), secrets);
    if (!isAppError(error) && !(error instanceof RunFailure))
      console.error("Provisioning failed unexpectedly:", redact(String(error), secrets));
    const failed = await db.provisioningRun.update({
      where: { id: run.id },
      data: {
        status: "failed",
        finishedAt: new Date(),
        error: reason,
        scriptsUsed: error instanceof RunFailure ? error.scriptsUsed : [],
        checksPassed: error instanceof RunFailure ? error.checksPassed : [],
        logTail: redact(log.join("\n"), secrets).slice(-LOG_TAIL_CHARS),
      },
    });
    return {
      attempted: true,
      success: false,
      status: "failed",
      runId: failed.id,
      attempt: failed.attempt,
      projectName: project.name,
      projectSlug: project.slug,
      projectPath: null,
      credentials: null,
      nextSteps: ["Fix the cause shown above, then press Re-provision."],
      urls: [],
      scriptsUsed: failed.scriptsUsed,
      checksPassed: failed.checksPassed,
      filesKeptAsNew: [],
      error: reason,
      errorCode: isAppError(error) ? error.code : "PROVISIONING_FAILED",
    };
  }
}

/** A check or script failed: the reason is already a sentence for the user. */
class RunFailure extends Error {
  constructor(
    message: string,
    readonly scriptsUsed: string[],
    readonly checksPassed: string[],
  ) {
    super(message);
  }
}

function failureReason(error: unknown): string {
  if (isAppError(error) || error instanceof RunFailure) return error.message;
  return "Provisioning failed unexpectedly. The server log has the details; try Re-provision.";
}

/** How long after its start a run that is still marked active is taken as interrupted. */
export function staleAfter(config: ProvisioningConfig): number {
  return config.timeoutMs + 60_000;
}

const IN_PROGRESS_MESSAGE =
  "This project is being provisioned right now. Wait for that run to finish, then try again.";

/**
 * Records a new attempt, before any other work. The partial unique index on (projectId) for active
 * runs, and the unique (projectId, attempt), make a second concurrent start fail in the database
 * itself. With `notStartedSince` (when the request arrived), a run that another request started and
 * already finished meanwhile also counts as concurrent: simultaneous requests yield one run.
 */
export async function claimProvisioningRun(options: {
  db: PrismaClient;
  projectId: string;
  stack: Stack;
  status?: "pending" | "running";
  notStartedSince?: Date;
  /** A run older than this cannot still be working (the script timeout is shorter): it was interrupted. */
  staleAfterMs: number;
}) {
  const { db, projectId } = options;
  await db.provisioningRun.updateMany({
    where: {
      projectId,
      status: { in: ["pending", "running"] },
      startedAt: { lt: new Date(Date.now() - options.staleAfterMs) },
    },
    data: { status: "failed", finishedAt: new Date(), error: INTERRUPTED_REASON },
  });
  const last = await db.provisioningRun.aggregate({
    where: { projectId },
    _max: { attempt: true, startedAt: true },
  });
  if (options.notStartedSince && last._max.startedAt && last._max.startedAt >= options.notStartedSince) {
    throw new AppError("PROVISIONING_IN_PROGRESS", IN_PROGRESS_MESSAGE);
  }
  try {
    return await db.provisioningRun.create({
      data: {
        projectId,
        attempt: (last._max.attempt ?? 0) + 1,
        status: options.status ?? "running",
        stack: options.stack,
        startedAt: new Date(),
      },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("PROVISIONING_IN_PROGRESS", IN_PROGRESS_MESSAGE);
    }
    throw error;
  }
}

export function nextSteps(projectPath: string): string[] {
  const relative = path.relative(process.cwd(), projectPath);
  const shown = relative && !relative.startsWith("..") ? relative : projectPath;
  return [`cd ${shown}`, "./setup.sh"];
}

export function credentialsView(connection: ConnectionInfo, ports: PortAssignment): Credentials {
  const portsView = {
    appPort: ports.app ?? null,
    frontendPort: ports.frontend ?? null,
    adminPort: ports.admin ?? null,
  };
  if (connection.kind === "server") {
    return {
      databaseKind: "server",
      databaseName: connection.databaseName,
      databaseUser: connection.databaseUser,
      password: connection.password,
      host: connection.host,
      port: connection.port,
      connectionUrl: connection.connectionUrl,
      ...portsView,
    };
  }
  return {
    databaseKind: connection.kind,
    databaseName: connection.kind === "file" ? connection.databaseName : null,
    databaseUser: null,
    password: null,
    host: null,
    port: null,
    connectionUrl: connection.kind === "file" ? connection.connectionUrl : null,
    ...portsView,
  };
}
