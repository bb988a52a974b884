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
 * transferOwnership enforces. Only admins, who see every account anyway, get their emails: an owner
 * who is a member gets names, so a hand-over form is no way to list the team's addresses.
 */
export async function listTransferCandidates(options: {
  db: PrismaClient;
  ownerId: string | null;
  withEmails: boolean;
}) {
  const people = await options.db.user.findMany({
    where: {
      deactivatedAt: null,
      role: { in: ["member", "admin"] },
      ...(options.ownerId ? { id: { not: options.ownerId } } : {}),
    },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
  return people.map((person) => ({ ...person, email: options.withEmails ? person.email : null }));
}
