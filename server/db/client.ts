import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl } from "../env";
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

/** The process's Prisma client: DATABASE_URL, or the embedded database the launcher handed over. */
export function db(): PrismaClient {
  if (!globalForPrisma.launchpadPrisma) {
    const url = databaseUrl();
    if (!url) {
      throw new Error(
        "No database: start Launchpad with `npm start`, which starts one, or set DATABASE_URL.",
      );
    }
    globalForPrisma.launchpadPrisma = createPrismaClient(url);
  }
  return globalForPrisma.launchpadPrisma;
}

export type { PrismaClient };

/** The client an interactive transaction hands its callback: what a service writes through inside one. */
export type Transaction = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
