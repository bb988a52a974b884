import "server-only";
import type { PrismaClient } from "../../db/client";
import { STACK_CATEGORIES, type Catalogue } from "../../../provisioning/stack";
import { ruleConditionSchema } from "../../../provisioning/stack-validation";

/** The catalogue as the wizard and the stack validation use it, read from the database. */
export async function getCatalogue(options: { db: PrismaClient }): Promise<Catalogue> {
  const [technologies, rules] = await Promise.all([
    options.db.technology.findMany({
      select: { category: true, slug: true, label: true, description: true },
      orderBy: [{ sortOrder: "asc" }],
    }),
    options.db.compatibilityRule.findMany({
      select: { code: true, reason: true, conditions: true },
      orderBy: { sortOrder: "asc" },
    }),
  ]);
  const byCategory = Object.fromEntries(
    STACK_CATEGORIES.map((category) => [
      category,
      technologies
        .filter((tech) => tech.category === category)
        .map(({ slug, label, description }) => ({ slug, label, description })),
    ]),
  ) as Catalogue["technologies"];
  return {
    technologies: byCategory,
    rules: rules.map((rule) => ({
      code: rule.code,
      reason: rule.reason,
      conditions: ruleConditionSchema.array().parse(rule.conditions),
    })),
  };
}
