import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";

/** What an authorization decision needs of a project (server/auth/policy.ts), by slug. */
export async function projectAccessBySlug(db: PrismaClient, slug: string) {
  const project = await db.project.findUnique({
    where: { slug },
    select: { id: true, slug: true, ownerId: true, archivedAt: true },
  });
  if (!project) throw await projectNotFound(db, slug);
  return project;
}

/** NOT_FOUND, saying when the project was purged if it was (its audit entries keep the slug). */
export async function projectNotFound(db: PrismaClient, slug: string): Promise<AppError> {
  const purge = await db.auditEntry.findFirst({
    where: { action: "project.purged", projectSlug: slug, projectId: null },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  if (!purge) return new AppError("NOT_FOUND", `There is no project "${slug}".`);
  return new AppError(
    "NOT_FOUND",
    `The project "${slug}" was purged on ${purge.at.toISOString().slice(0, 10)}: its folder and records are gone for good, so it cannot be restored. Its name can be used again.`,
    { purgedAt: purge.at.toISOString() },
  );
}

/** The same, for the project of an interview. */
export async function projectAccessByInterview(db: PrismaClient, interviewId: string) {
  const interview = await db.interview.findUnique({
    where: { id: interviewId },
    select: { project: { select: { id: true, slug: true, ownerId: true, archivedAt: true } } },
  });
  if (!interview) throw new AppError("NOT_FOUND", "That interview no longer exists.");
  return interview.project;
}
