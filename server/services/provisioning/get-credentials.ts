import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { deriveProjectSecrets } from "../../security/project-secrets";
import { decryptSecret, type SecretKey } from "../../security/secret-box";
import type { Stack } from "../../shared/stack";
import { CATALOGUE_VERSION } from "../../../provisioning/catalogue";
import { chooseTechnologies } from "../../../provisioning/plan/choose-technologies";
import { planProject } from "../../../provisioning/plan/plan-project";
import type { Credentials } from "./provisioning-result";
import { credentialsView, nextSteps } from "./provisioning-view";

/**
 * The credentials of a provisioned project, again (for "Show credentials"): the project's plan,
 * made from what the database holds (encrypted password, ports), as provisioning made it. No file
 * is rendered.
 */
export async function getProjectCredentials(options: {
  db: PrismaClient;
  slug: string;
  key: SecretKey;
}): Promise<{ credentials: Credentials; nextSteps: string[]; projectPath: string }> {
  const project = await options.db.project.findUnique({
    where: { slug: options.slug },
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
  if (!project) throw new AppError("NOT_FOUND", `There is no project "${options.slug}".`);
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
          password: decryptSecret(stored.passwordEncrypted, options.key),
        }
      : null,
    secrets: deriveProjectSecrets(options.key, project.id),
    ports,
    catalogueVersion: CATALOGUE_VERSION,
    generatedAt: new Date(),
  });
  return {
    credentials: credentialsView(plan.connection, ports),
    nextSteps: nextSteps(projectPath),
    projectPath,
  };
}
