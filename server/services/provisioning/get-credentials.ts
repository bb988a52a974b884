import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { decryptSecret, type SecretKey } from "../../security/secret-box";
import type { Stack } from "../../shared/stack";
import { buildProjectFiles } from "./project-files";
import { credentialsView, nextSteps } from "./provision-project";
import type { Credentials } from "./provisioning-result";
import { loadChosenTechnologies } from "./technologies";
import { CATALOGUE_VERSION } from "../../../provisioning/catalogue";

/**
 * The credentials of a provisioned project, again (for "Show credentials"). They are rebuilt from
 * what the database holds (encrypted password, ports) the same way provisioning wrote them.
 */
export async function getProjectCredentials(options: {
  db: PrismaClient;
  slug: string;
  key: SecretKey;
}): Promise<{ credentials: Credentials; nextSteps: string[]; projectPath: string }> {
  const { db } = options;
  const project = await db.project.findUnique({
    where: { slug: options.slug },
    select: {
      id: true,
      slug: true,
      name: true,
      backend: true,
      database: true,
      frontend: true,
      css: true,
      credentials: true,
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
  const generated = await buildProjectFiles({
    slug: project.slug,
    name: project.name,
    description: "",
    stack,
    technologies: await loadChosenTechnologies(db, stack),
    credentials: stored
      ? {
          databaseName: stored.databaseName,
          databaseUser: stored.databaseUser,
          password: decryptSecret(stored.passwordEncrypted, options.key),
        }
      : null,
    ports,
    catalogueVersion: CATALOGUE_VERSION,
    generatedAt: new Date(),
  });
  return {
    credentials: credentialsView(generated.connection, ports),
    nextSteps: nextSteps(projectPath),
    projectPath,
  };
}
