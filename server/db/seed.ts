import "server-only";
import { COMPATIBILITY_RULES, TECHNOLOGIES } from "../../provisioning/catalogue";
import type { PrismaClient } from "./generated/client";

/**
 * Writes the catalogue (provisioning/catalogue.ts) into the database. Idempotent: every row is an
 * upsert on its natural key, so running it on each start changes nothing unless the catalogue did.
 * Rules and technologies that were removed from the catalogue are removed from the database too, so
 * the wizard and the validation (which read these rows) offer exactly what the engine can provision.
 * A project that chose a removed technology keeps its saved stack; a new save or run of it is refused
 * by the validation with the technology's name (docs/decisions/020-one-catalogue.md).
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
    prisma.technology.deleteMany({
      where: { NOT: { OR: TECHNOLOGIES.map((tech) => ({ category: tech.category, slug: tech.slug })) } },
    }),
  ]);
}
