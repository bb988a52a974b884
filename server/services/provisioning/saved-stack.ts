import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import type { Stack } from "../../../provisioning/stack";
import { validateStack } from "../../../provisioning/stack-validation";
import { getCatalogue } from "../catalogue/get-catalogue";

/**
 * A project's saved stack, checked against today's catalogue before a re-provision: a technology or
 * a combination the catalogue no longer offers is refused before any run starts, saying what and
 * that another choice is needed; the saved stack itself stays as it was.
 */
export async function assertSavedStackOffered(db: PrismaClient, projectId: string): Promise<void> {
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: { backend: true, database: true, frontend: true, css: true, stackSavedAt: true },
  });
  if (!project.stackSavedAt) return; // provisionProject says that no stack is saved yet
  const stack = {
    backend: project.backend ?? "",
    database: project.database ?? "",
    frontend: project.frontend ?? "",
    css: project.css ?? "",
  } satisfies Stack;
  const validation = validateStack(await getCatalogue({ db }), stack);
  if (validation.ok) return;
  throw new AppError(
    "INVALID_STACK",
    `${validation.problems.map((problem) => problem.message).join(" ")} This stack is no longer offered: choose another in the interview, then save.`,
    { problems: validation.problems },
  );
}
