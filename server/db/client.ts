import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

/**
 * One Prisma client per process. In development Next.js re-evaluates modules on every change, so the
 * client is kept on globalThis to avoid opening a new pool each time.
 */
export function createPrismaClient(databaseUrl: string, maxConnections = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: maxConnections });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { launchpadPrisma?: PrismaClient };

/** The process's Prisma client, connected to DATABASE_URL (set by the launcher for the embedded database). */
export function db(): PrismaClient {
  if (!globalForPrisma.launchpadPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) {
      throw new Error("DATABASE_URL is not set. Start Launchpad with `npm start`, which sets it.");
    }
    globalForPrisma.launchpadPrisma = createPrismaClient(url);
  }
  return globalForPrisma.launchpadPrisma;
}

export type { PrismaClient };
