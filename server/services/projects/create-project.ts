import "server-only";
import type { PrismaClient } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors/app-error";
import { readSharedStack } from "../../../provisioning/shared-stack-link";
import { STACK_CATEGORIES } from "../../../provisioning/stack";
import { LAST_STEP } from "../../shared/interview-steps";
import { slugify, type CreateProjectInput, createProjectInputSchema } from "../../shared/project";
import { getCatalogue } from "../catalogue/get-catalogue";
import { projectSummarySelect, type ProjectSummary } from "./project-select";

/**
 * Creates a project and its interview in one transaction. Answers from a shared link are checked
 * against today's catalogue (any that cannot be chosen refuses the whole call, which creates
 * nothing) and pre-selected: the interview opens at the first question they leave open, or at the
 * review, and nothing is saved as the stack until Save. The slug comes from the name; a
 * second project with the same slug is refused by the database's unique index, not by a lookup
 * first, so two people creating "My App" at the same moment cannot both succeed.
 */
export async function createProject(options: {
  db: PrismaClient;
  input: CreateProjectInput;
  /** The user creating it, who becomes its owner. */
  ownerId: string;
}): Promise<ProjectSummary> {
  const { name, description, stack } = createProjectInputSchema.parse(options.input);
  const slug = slugify(name);
  let proposed = {};
  if (stack) {
    const shared = readSharedStack(stack, await getCatalogue({ db: options.db }));
    if (shared.unavailable.length > 0) {
      const problems = shared.unavailable.map(({ category, value, reason }) => ({
        code: "unavailable",
        message: `${value}: ${reason}`,
        categories: [category],
      }));
      throw new AppError(
        "INVALID_STACK",
        `These answers cannot be chosen: ${problems.map((problem) => problem.message).join(" ")}`,
        { problems },
      );
    }
    proposed = shared.chosen;
  }
  const open = STACK_CATEGORIES.findIndex((category) => !(category in proposed));
  const currentStep = open === -1 ? LAST_STEP : 2 + open;
  try {
    return await options.db.project.create({
      data: {
        name,
        slug,
        description,
        ownerId: options.ownerId,
        interview: { create: { answers: { name, description, ...proposed }, currentStep } },
      },
      select: projectSummarySelect,
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw await duplicateError(options.db, slug);
    }
    throw error;
  }
}

/** Says which project holds the slug; an archived one is hidden from the default list, so say so. */
async function duplicateError(db: PrismaClient, slug: string): Promise<AppError> {
  const holder = await db.project.findUnique({
    where: { slug },
    select: { name: true, archivedAt: true, retainUntil: true },
  });
  if (holder?.archivedAt) {
    const until = holder.retainUntil ? ` until ${holder.retainUntil.toISOString().slice(0, 10)}` : "";
    return new AppError(
      "DUPLICATE_PROJECT",
      `The folder name "${slug}" belongs to the archived project ${holder.name}${until} (see the Archived filter of the list). Choose a different name, or have that project purged to free it.`,
    );
  }
  return new AppError(
    "DUPLICATE_PROJECT",
    `A project with the folder name "${slug}" already exists. Choose a different name.`,
  );
}
