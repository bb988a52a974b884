import "server-only";
import type { PrismaClient } from "../../db/client";
import { skeleton } from "../../security/confusables/skeleton";

/**
 * An existing project whose name looks like `name` but is not it (UTS #39: the same skeleton), or
 * null: the new-project form warns before a second "PayPal" written with a Cyrillic "а" joins the
 * list. A warning, not a refusal: the slugs differ, and a team may mean it. Reads every project's
 * name: a few milliseconds for thousands of projects, once per pause in typing.
 */
export async function findLookalikeProject(options: {
  db: PrismaClient;
  name: string;
}): Promise<{ name: string; slug: string } | null> {
  const name = options.name.trim();
  if (!name) return null;
  const target = skeleton(name);
  const projects = await options.db.project.findMany({ select: { name: true, slug: true } });
  return projects.find((project) => project.name !== name && skeleton(project.name) === target) ?? null;
}
