import "server-only";
import type { PrismaClient } from "../../db/client";

/** Everyone who owns at least one project, by name: the project list's owner filter offers these. */
export async function listProjectOwners(options: { db: PrismaClient }) {
  return options.db.user.findMany({
    where: { projects: { some: {} } },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

/**
 * Who a project can be handed to: active members and admins other than its owner, the same rule
 * transferOwnership enforces. Emails are shown because two people can share a name.
 */
export async function listTransferCandidates(options: { db: PrismaClient; ownerId: string | null }) {
  return options.db.user.findMany({
    where: {
      deactivatedAt: null,
      role: { in: ["member", "admin"] },
      ...(options.ownerId ? { id: { not: options.ownerId } } : {}),
    },
    select: { name: true, email: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
}
