import "server-only";
import type { PrismaClient } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors/app-error";
import { slugify, type CreateProjectInput, createProjectInputSchema } from "../../shared/project";
import { projectSummarySelect, type ProjectSummary } from "./project-select";

/**
 * Creates a project and its empty interview in one transaction. The slug comes from the name; a
 * second project with the same slug is refused by the database's unique index, not by a lookup
 * first, so two people creating "My App" at the same moment cannot both succeed.
 */
export async function createProject(options: {
  db: PrismaClient;
  input: CreateProjectInput;
  /** The user creating it, who becomes its owner. */
  ownerId: string;
}): Promise<ProjectSummary> {
  const { name, description } = createProjectInputSchema.parse(options.input);
  const slug = slugify(name);
  try {
    return await options.db.project.create({
      data: {
        name,
        slug,
        description,
        ownerId: options.ownerId,
        interview: { create: { answers: { name, description }, currentStep: 2 } },
      },
      select: projectSummarySelect,
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError(
        "DUPLICATE_PROJECT",
        `A project with the folder name "${slug}" already exists. Choose a different name.`,
      );
    }
    throw error;
  }
}
