import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { deriveProjectSecrets } from "../../security/project-secrets";
import { decryptSecret, type SecretKey } from "../../security/secret-box";
import type { Stack } from "../../../provisioning/stack";
import { CATALOGUE_VERSION } from "../../../provisioning/catalogue";
import { chooseTechnologies } from "../../../provisioning/plan/choose-technologies";
import { planProject } from "../../../provisioning/plan/plan-project";
import type { ConnectionInfo, PortAssignment } from "../../../provisioning/plan/project-plan";
import type { Credentials, RevealedCredentials } from "./provisioning-result";
import { recordAudit, type AuditRequest } from "../audit/record-audit";
import { credentialsView, nextSteps } from "./provisioning-view";

type ProvisionedConnection = {
  project: { id: string; slug: string };
  connection: ConnectionInfo;
  ports: PortAssignment;
  projectPath: string;
};

/**
 * The credentials of a provisioned project, again (for "Show credentials"), without the password.
 */
export async function getProjectCredentials(options: {
  db: PrismaClient;
  slug: string;
  key: SecretKey;
}): Promise<{ credentials: Credentials; nextSteps: string[]; projectPath: string }> {
  const { connection, ports, projectPath } = await provisionedConnection(
    options.db,
    { slug: options.slug },
    options.key,
  );
  return { credentials: credentialsView(connection, ports), nextSteps: nextSteps(projectPath), projectPath };
}

/**
 * The database password and the full connection URL of a provisioned project: what "Reveal" and the
 * copy buttons need. Reading changes nothing, so the entry is the only write: it is written before
 * the password leaves, and no entry means no password.
 */
export async function revealProjectCredentials(options: {
  db: PrismaClient;
  /** By id: the very project the caller was authorized for. */
  projectId: string;
  key: SecretKey;
  audit: AuditRequest;
}): Promise<{ project: { id: string; slug: string }; revealed: RevealedCredentials }> {
  const { project, connection } = await provisionedConnection(
    options.db,
    { id: options.projectId },
    options.key,
  );
  if (connection.kind !== "server") {
    throw new AppError("NOT_FOUND", "This project's database has no password to reveal.");
  }
  await recordAudit(options.db, { action: "credentials.revealed", ...options.audit, project });
  return { project, revealed: { password: connection.password, connectionUrl: connection.connectionUrl } };
}

/**
 * The project's plan, made from what the database holds (encrypted password, ports), as
 * provisioning made it. No file is rendered.
 */
async function provisionedConnection(
  db: PrismaClient,
  where: { slug: string } | { id: string },
  key: SecretKey,
): Promise<ProvisionedConnection> {
  const project = await db.project.findUnique({
    where,
    select: {
      id: true,
      slug: true,
      name: true,
      backend: true,
      database: true,
      frontend: true,
      css: true,
      credentials: { select: { databaseName: true, databaseUser: true, passwordEncrypted: true } },
      ports: { select: { purpose: true, port: true } },
      runs: {
        where: { status: "succeeded" },
        orderBy: { attempt: "desc" },
        take: 1,
        select: { projectPath: true },
      },
    },
  });
  if (!project) throw new AppError("NOT_FOUND", "There is no such project.");
  const projectPath = project.runs[0]?.projectPath;
  const { backend, database, frontend, css } = project;
  if (!projectPath || !backend || !database || !frontend || !css) {
    throw new AppError("NOT_FOUND", "This project has not been provisioned yet.");
  }
  const stack: Stack = { backend, database, frontend, css };
  const ports = Object.fromEntries(project.ports.map((row) => [row.purpose, row.port]));
  const stored = project.credentials;
  const plan = planProject({
    project: { slug: project.slug, name: project.name, description: "" },
    stack,
    technologies: chooseTechnologies(stack),
    credentials: stored
      ? {
          databaseName: stored.databaseName,
          databaseUser: stored.databaseUser,
          password: decryptSecret(stored.passwordEncrypted, key),
        }
      : null,
    secrets: deriveProjectSecrets(key, project.id),
    ports,
    catalogueVersion: CATALOGUE_VERSION,
    generatedAt: new Date(),
  });
  return { project: { id: project.id, slug: project.slug }, connection: plan.connection, ports, projectPath };
}
