import { randomBytes } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { PrismaClient } from "../db/client";
import type { ProvisioningConfig } from "../services/provisioning/provision-project";
import type { Stack } from "../../provisioning/stack";
import { testPortRange } from "./port-ranges";
import { uniqueName } from "./unique-name";

/** A provisioning configuration writing into a fresh temporary projects folder. */
export async function testProvisioningConfig(
  overrides: Partial<ProvisioningConfig> = {},
): Promise<ProvisioningConfig> {
  return {
    projectsDir: await mkdtemp(path.join(os.tmpdir(), "launchpad-projects-")),
    timeoutMs: 30_000,
    portRange: overrides.portRange ?? (await testPortRange()),
    key: randomBytes(32),
    ...overrides,
  };
}

/** Creates a project whose stack is already saved, straight in the database. */
export async function createProjectWithStack(
  db: PrismaClient,
  stack: Stack,
  name = uniqueName("Provisioned"),
) {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return db.project.create({
    data: { name, slug, description: "", ...stack, stackSavedAt: new Date() },
    select: { id: true, slug: true, name: true },
  });
}
