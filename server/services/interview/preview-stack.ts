import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { validateStack, type StackInput } from "../../../provisioning/stack-validation";
import { previewProjectFiles, type ProjectPreview } from "../../../provisioning/render/preview-project-files";
import { getCatalogue } from "../catalogue/get-catalogue";
import { databaseIdentifiers } from "../provisioning/credentials";

/**
 * The files a save of `stack` would write for this project, ports and secrets as placeholders: the
 * review step's "Preview files". Reads the catalogue and the project, and writes nothing: no port,
 * no credential, no run, no file (server/services/interview/preview-stack.test.ts counts them).
 */
export async function previewStack(options: {
  db: PrismaClient;
  projectId: string;
  stack: StackInput;
}): Promise<ProjectPreview> {
  const { db } = options;
  const validation = validateStack(await getCatalogue({ db }), options.stack);
  if (!validation.ok) {
    throw new AppError("INVALID_STACK", validation.problems.map((problem) => problem.message).join(" "), {
      problems: validation.problems,
    });
  }
  const project = await db.project.findUnique({
    where: { id: options.projectId },
    select: {
      slug: true,
      name: true,
      description: true,
      credentials: { select: { databaseName: true, databaseUser: true } },
    },
  });
  if (!project) throw new AppError("NOT_FOUND", "There is no such project.");
  return previewProjectFiles({
    project: { slug: project.slug, name: project.name, description: project.description },
    stack: validation.stack,
    // A project keeps the names it was given; a new one gets them from its slug, as provisioning does.
    databaseIdentity: project.credentials ?? databaseIdentifiers(project.slug),
    generatedAt: new Date(),
  });
}
