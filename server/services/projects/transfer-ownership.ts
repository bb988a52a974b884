import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";

/** Makes `newOwnerEmail`'s account the project's owner; it must be an active member or admin. */
export async function transferOwnership(options: { db: PrismaClient; slug: string; newOwnerEmail: string }) {
  const owner = await options.db.user.findUnique({
    where: { email: options.newOwnerEmail },
    select: { id: true, name: true, role: true, deactivatedAt: true },
  });
  if (!owner || owner.deactivatedAt) {
    throw new AppError("INVALID_INPUT", `There is no active account for ${options.newOwnerEmail}.`);
  }
  if (owner.role === "viewer") {
    throw new AppError("INVALID_INPUT", `${owner.name} is a viewer: viewers cannot own projects.`);
  }
  const before = await options.db.project.findUnique({
    where: { slug: options.slug },
    select: { owner: { select: { email: true } } },
  });
  const updated = await options.db.project.updateMany({
    where: { slug: options.slug },
    data: { ownerId: owner.id },
  });
  if (!before || updated.count === 0)
    throw new AppError("NOT_FOUND", `There is no project "${options.slug}".`);
  return { ownerId: owner.id, ownerName: owner.name, previousOwnerEmail: before.owner?.email ?? null };
}
