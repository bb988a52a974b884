import "server-only";
import type { Prisma } from "../../db/generated/client";

/** What the API shows of a project: an explicit list, so a new column never leaks by accident. */
export const projectSummarySelect = {
  id: true,
  name: true,
  slug: true,
  description: true,
  backend: true,
  database: true,
  frontend: true,
  css: true,
  stackSavedAt: true,
  ownerId: true,
  owner: { select: { name: true } },
  createdAt: true,
  updatedAt: true,
  /** Set while archived, with the day it is purged (issue 29). */
  archivedAt: true,
  retainUntil: true,
} satisfies Prisma.ProjectSelect;

export type ProjectSummary = Prisma.ProjectGetPayload<{ select: typeof projectSummarySelect }>;
