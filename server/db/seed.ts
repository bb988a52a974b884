import "server-only";
import { COMPATIBILITY_RULES, TECHNOLOGIES } from "../../provisioning/catalogue";
import type { PrismaClient } from "./generated/client";

/**
 * Writes the catalogue (provisioning/catalogue.ts) into the database. Idempotent: every row is an
 * upsert on its natural key, so running it on each start changes nothing unless the catalogue did.
 * Rules that were removed from the catalogue are removed from the database too.
 */
export async function seedCatalogue(prisma: PrismaClient): Promise<void> {
  await prisma.$transaction([
    ...TECHNOLOGIES.map((tech, index) =>
      prisma.technology.upsert({
        where: { category_slug: { category: tech.category, slug: tech.slug } },
        create: { ...tech, provisioning: tech.provisioning, sortOrder: index },
        update: {
          label: tech.label,
          description: tech.description,
          provisioning: tech.provisioning,
          sortOrder: index,
        },
      }),
    ),
    ...COMPATIBILITY_RULES.map((rule, index) =>
      prisma.compatibilityRule.upsert({
        where: { code: rule.code },
        create: { code: rule.code, reason: rule.reason, conditions: rule.conditions, sortOrder: index },
        update: { reason: rule.reason, conditions: rule.conditions, sortOrder: index },
      }),
    ),
    prisma.compatibilityRule.deleteMany({
      where: { code: { notIn: COMPATIBILITY_RULES.map((rule) => rule.code) } },
    }),
  ]);
}
