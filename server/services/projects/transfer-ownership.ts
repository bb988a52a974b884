import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { writeAuditEntry, type AuditRequest } from "../audit/record-audit";

/**
 * Makes `newOwnerEmail`'s account the project's owner; it must be an active member or admin. The
 * change and its entry (with the previous owner) are one transaction.
 */
export async function transferOwnership(options: {
  db: PrismaClient;
  slug: string;
  newOwnerEmail: string;
  audit: AuditRequest;
}) {
  return options.db.$transaction(async (tx) => {
    const owner = await tx.user.findUnique({
      where: { email: options.newOwnerEmail },
      select: { id: true, name: true, role: true, deactivatedAt: true },
    });
    if (!owner || owner.deactivatedAt) {
      throw new AppError("INVALID_INPUT", `There is no active account for ${options.newOwnerEmail}.`);
    }
    if (owner.role === "viewer") {
      throw new AppError("INVALID_INPUT", `${owner.name} is a viewer: viewers cannot own projects.`);
    }
    const before = await tx.project.findUnique({
      where: { slug: options.slug },
      select: { id: true, slug: true, owner: { select: { email: true } } },
    });
    if (!before) throw new AppError("NOT_FOUND", `There is no project "${options.slug}".`);
    await tx.project.update({ where: { id: before.id }, data: { ownerId: owner.id } });
    const previousOwnerEmail = before.owner?.email ?? null;
    await writeAuditEntry(tx, {
      action: "project.ownership_transferred",
      ...options.audit,
      project: { id: before.id, slug: before.slug },
      targetEmail: options.newOwnerEmail,
      detail: { previousOwner: previousOwnerEmail },
    });
    return { ownerId: owner.id, ownerName: owner.name, previousOwnerEmail };
  });
}
