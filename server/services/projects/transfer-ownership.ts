import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { writeAuditEntry, type AuditRequest } from "../audit/record-audit";

/**
 * Makes `newOwner`'s account (by email or id) the project's owner; it must be an active member or
 * admin. The change and its entry (with the previous owner) are one transaction, and the change is
 * made only while the project still has the owner the caller was authorized against: two hand-overs
 * at once, or one after an admin's, cannot both win.
 *
 * Admins are told exactly why an account cannot own a project; anyone else gets one sentence for
 * every refusal, so the hand-over is no way to learn which addresses have accounts.
 */
export async function transferOwnership(options: {
  db: PrismaClient;
  slug: string;
  newOwner: { email: string } | { id: string };
  /** The owner when the caller was authorized; undefined skips the check (in-process callers). */
  expectedOwnerId?: string | null;
  callerIsAdmin?: boolean;
  audit: AuditRequest;
}) {
  const { newOwner, callerIsAdmin = true } = options;
  return options.db.$transaction(async (tx) => {
    const owner = await tx.user.findUnique({
      where: "email" in newOwner ? { email: newOwner.email } : { id: newOwner.id },
      select: { id: true, name: true, email: true, role: true, deactivatedAt: true },
    });
    const refuse = (detailed: string) =>
      new AppError(
        "INVALID_INPUT",
        callerIsAdmin ? detailed : "Choose an active member or admin to hand it to.",
      );
    if (!owner || owner.deactivatedAt) {
      throw refuse(`There is no active account for ${"email" in newOwner ? newOwner.email : "that person"}.`);
    }
    if (owner.role === "viewer") throw refuse(`${owner.name} is a viewer: viewers cannot own projects.`);
    const before = await tx.project.findUnique({
      where: { slug: options.slug },
      select: { id: true, slug: true, ownerId: true, owner: { select: { email: true } } },
    });
    if (!before) throw new AppError("NOT_FOUND", `There is no project "${options.slug}".`);
    const { count } = await tx.project.updateMany({
      where: {
        id: before.id,
        ...(options.expectedOwnerId !== undefined ? { ownerId: options.expectedOwnerId } : {}),
      },
      data: { ownerId: owner.id },
    });
    if (count === 0) {
      throw new AppError(
        "CHANGED_MEANWHILE",
        "The project changed hands meanwhile: reload the page to see its owner.",
      );
    }
    const previousOwnerEmail = before.owner?.email ?? null;
    await writeAuditEntry(tx, {
      action: "project.ownership_transferred",
      ...options.audit,
      project: { id: before.id, slug: before.slug },
      targetEmail: owner.email,
      detail: { previousOwner: previousOwnerEmail },
    });
    return { ownerId: owner.id, ownerName: owner.name, previousOwnerEmail };
  });
}
