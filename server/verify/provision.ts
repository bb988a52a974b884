import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createPrismaClient, type PrismaClient } from "../db/client";
import { startEmbeddedDatabase } from "../db/embedded";
import { prepareDatabase } from "../db/prepare";
import { getCatalogue } from "../services/catalogue/get-catalogue";
import { provisionProject, type ProvisioningConfig } from "../services/provisioning/provision-project";
import type { Catalogue, Stack } from "../../provisioning/stack";
import { createScratchDatabase } from "../test/global-setup";
import { NAME_PREFIX } from "./database-roles";

/**
 * Launchpad itself, as the checks use it: its database (a scratch database on TEST_DATABASE_URL's
 * server, else the embedded one in memory) and the real provisioning engine writing into a
 * temporary projects folder. Each project's slug starts with the run prefix, so the database names
 * and users the engine derives from it do too.
 */
export type Launchpad = {
  catalogue: Catalogue;
  projectsDir: string;
  provision(stack: Stack): Promise<string>;
  stop(): Promise<void>;
};

export const runPrefix = () => `${NAME_PREFIX}${process.pid}_${randomBytes(2).toString("hex")}`;

export async function startLaunchpad(prefix: string): Promise<Launchpad> {
  const serverUrl = process.env.TEST_DATABASE_URL?.trim();
  const database = serverUrl ? await createScratchDatabase(serverUrl) : await startEmbeddedDatabase();
  let db: PrismaClient | undefined;
  try {
    await prepareDatabase(database.url);
    db = createPrismaClient(database.url, 2);
    const catalogue = await getCatalogue({ db });
    const projectsDir = await mkdtemp(path.join(os.tmpdir(), "launchpad-verify-projects-"));
    const config: ProvisioningConfig = {
      projectsDir,
      timeoutMs: 120_000,
      portRange: { start: 51_000, end: 52_999 },
      key: randomBytes(32),
    };
    let counter = 0;
    const client = db;
    return {
      catalogue,
      projectsDir,
      async provision(stack) {
        const slug = `${prefix}_${counter++}`.replaceAll("_", "-");
        const project = await client.project.create({
          data: { name: slug, slug, description: "", ...stack, stackSavedAt: new Date() },
          select: { id: true },
        });
        const result = await provisionProject({ db: client, projectId: project.id, config });
        if (!result.success || !result.projectPath) throw new Error(`provisioning failed: ${result.error}`);
        return result.projectPath;
      },
      async stop() {
        await client.$disconnect();
        await database.stop();
      },
    };
  } catch (error) {
    await db?.$disconnect();
    await database.stop();
    throw error;
  }
}
