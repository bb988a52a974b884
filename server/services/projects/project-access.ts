import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";

/** What an authorization decision needs of a project (server/auth/policy.ts), by slug. */
export async function projectAccessBySlug(db: PrismaClient, slug: string) {
  const project = await db.project.findUnique({
    where: { slug },
    select: { id: true, slug: true, ownerId: true },
  });
  if (!project) throw new AppError("NOT_FOUND", `There is no project "${slug}".`);
  return project;
}

/** The same, for the project of an interview. */
export async function projectAccessByInterview(db: PrismaClient, interviewId: string) {
  const interview = await db.interview.findUnique({
    where: { id: interviewId },
    select: { project: { select: { id: true, slug: true, ownerId: true } } },
  });
  if (!interview) throw new AppError("NOT_FOUND", "That interview no longer exists.");
  return interview.project;
}
