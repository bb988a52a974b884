import "server-only";
import type { PrismaClient } from "../../db/client";
import { writeAuditEntry, type AuditRequest } from "../audit/record-audit";
import { loadSavedStack, provisionProject } from "./provision-project";
import { type ProvisioningConfig } from "./provisioning-config";
import type { ProvisioningResult } from "./provisioning-result";
import { claimRun } from "./provisioning-runs";
import { assertSavedStackOffered } from "./saved-stack";

/**
 * The Re-provision button: the project's saved stack, provisioned again. The caller is authorized
 * against the project as read here; a stack the catalogue no longer offers is refused before any
 * run starts; the run is claimed together with its entry ("re-provisioned", with the attempt: the
 * run's outcome is in its history), so there is no run without an entry and no entry without a run.
 */
export async function reprovisionProject(options: {
  db: PrismaClient;
  projectId: string;
  config: ProvisioningConfig;
  audit: AuditRequest;
  authorize: (project: { id: string; ownerId: string | null }) => void;
  /** Counts the run against the caller's limit, once the caller is allowed and the stack offered. */
  countRun?: () => Promise<void>;
}): Promise<ProvisioningResult> {
  const { db } = options;
  const { project, ownerId, stack } = await loadSavedStack(db, options.projectId);
  options.authorize({ id: project.id, ownerId });
  await assertSavedStackOffered(db, project.id);
  await options.countRun?.();
  const run = await claimRun({
    db,
    projectId: project.id,
    stack,
    config: options.config,
    alsoInTransaction: (tx, claimed) =>
      writeAuditEntry(tx, {
        action: "project.reprovisioned",
        ...options.audit,
        project: { id: project.id, slug: project.slug },
        detail: { attempt: claimed.attempt },
      }),
  });
  return provisionProject({
    db,
    config: options.config,
    project,
    stack,
    claimedRun: { id: run.id, attempt: run.attempt },
  });
}
