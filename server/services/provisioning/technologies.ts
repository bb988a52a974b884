import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { NONE, STACK_CATEGORIES, type Stack, type StackCategory } from "../../shared/stack";
import { technologySpecSchema, type TechnologySpec } from "../../../provisioning/technology-spec";

export type ChosenTechnology = { category: StackCategory; slug: string; label: string; spec: TechnologySpec };

/** The catalogue rows of a stack's technologies ("none" has none), with their parsed engine metadata. */
export async function loadChosenTechnologies(db: PrismaClient, stack: Stack): Promise<ChosenTechnology[]> {
  const chosen = STACK_CATEGORIES.filter((category) => stack[category] !== NONE);
  const rows = await db.technology.findMany({
    where: { OR: chosen.map((category) => ({ category, slug: stack[category] })) },
    select: { category: true, slug: true, label: true, provisioning: true },
  });
  return chosen.map((category) => {
    const row = rows.find((r) => r.category === category);
    if (!row) {
      throw new AppError(
        "INVALID_STACK",
        `Technology '${stack[category]}' is not in the ${category} catalogue.`,
      );
    }
    const spec = technologySpecSchema.safeParse(row.provisioning);
    if (!spec.success) {
      throw new AppError(
        "PROVISIONING_FAILED",
        `The catalogue entry for ${row.label} has no valid provisioning data.`,
      );
    }
    return { category, slug: row.slug, label: row.label, spec: spec.data };
  });
}
