/** `npm run db:seed` (also `prisma db seed`): writes the catalogue into DATABASE_URL, idempotently. */
import { createPrismaClient } from "../db/client";
import { seedCatalogue } from "../db/seed";
import { env } from "../env";

const url = env().DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL. (The embedded database is seeded by `npm start` itself.)");
  process.exit(1);
}
const prisma = createPrismaClient(url, 1);
await seedCatalogue(prisma);
await prisma.$disconnect();
console.log("Catalogue seeded.");
