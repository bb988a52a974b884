import "server-only";
import { createPrismaClient } from "./client";
import { migrateDatabase } from "./migrate";
import { seedCatalogue } from "./seed";

/** Migrates the database and writes the catalogue: what every start and every test run does first. */
export async function prepareDatabase(databaseUrl: string): Promise<{ applied: string[] }> {
  const applied = await migrateDatabase(databaseUrl);
  const prisma = createPrismaClient(databaseUrl, 1);
  try {
    await seedCatalogue(prisma);
  } finally {
    await prisma.$disconnect();
  }
  return { applied };
}
