import { defineConfig } from "prisma/config";

// The Prisma CLI reads this file. The app itself never needs it: it applies migrations with its own
// runner (server/db/migrate.ts) so that it works where Prisma's native engine cannot be downloaded.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx server/cli/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/launchpad" },
});
