import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { LAST_STEP } from "../../shared/interview";
import type { Stack } from "../../../provisioning/stack";
import { validateStack, type StackInput } from "../../../provisioning/stack-validation";
import { getCatalogue } from "../catalogue/get-catalogue";
import { provisionProject } from "../provisioning/provision-project";
import { type ProvisioningConfig } from "../provisioning/provisioning-config";
import type { ProvisioningResult } from "../provisioning/provisioning-result";
import { claimRun } from "../provisioning/provisioning-runs";
import { writeAuditEntry, type AuditRequest } from "../audit/record-audit";

export type SaveStackResult = {
  success: true;
  message: string;
  provisioning: ProvisioningResult;
  /** The stack as saved (catalogue slugs). */
  stack: Stack;
};

/**
 * Validates the four answers against the catalogue in the database, saves them as the project's
 * stack, and then provisions the project. Saving never depends on provisioning: when provisioning
 * fails the stack stays saved and the result says why, so the user can press Re-provision.
 */
export async function saveStack(options: {
  db: PrismaClient;
  interviewId: string;
  stack: StackInput;
  config: ProvisioningConfig;
  /** Who saves: the entry is written with the stack. */
  audit: AuditRequest;
  /**
   * The caller's authorization (server/auth/policy.ts), asked with the project this interview
   * belongs to, as read here.
   */
  authorize: (project: { id: string; ownerId: string | null }) => void;
  /**
   * Counts the run against the caller's limit (server/security/rate-limit.ts), once the caller is
   * known to be allowed and the stack valid, so that refused calls use up nothing.
   */
  countRun?: () => Promise<void>;
}): Promise<SaveStackResult> {
  const { db } = options;
  const receivedAt = new Date();
  const interview = await db.interview.findUnique({
    where: { id: options.interviewId },
    select: { projectId: true, answers: true, project: { select: { slug: true, ownerId: true } } },
  });
  if (!interview) throw new AppError("NOT_FOUND", "That interview no longer exists.");
  options.authorize({ id: interview.projectId, ownerId: interview.project.ownerId });

  const validation = validateStack(await getCatalogue({ db }), options.stack);
  if (!validation.ok) {
    throw new AppError("INVALID_STACK", validation.problems.map((problem) => problem.message).join(" "), {
      problems: validation.problems,
    });
  }
  const stack = validation.stack;
  await options.countRun?.();
  // The run is claimed, the stack saved and its entry written in one transaction: a request made
  // while another is saving or provisioning this project gets a typed conflict and changes nothing,
  // and a failure anywhere leaves neither a run, nor a saved stack, nor an entry.
  const run = await claimRun({
    db,
    projectId: interview.projectId,
    stack,
    notStartedSince: receivedAt,
    config: options.config,
    alsoInTransaction: async (tx) => {
      const project = await tx.project.update({
        where: { id: interview.projectId },
        data: { ...stack, stackSavedAt: new Date() },
        select: { id: true, slug: true, name: true, description: true },
      });
      await tx.interview.update({
        where: { id: options.interviewId },
        data: {
          answers: { ...(interview.answers as object), ...stack },
          currentStep: LAST_STEP,
          status: "completed",
        },
      });
      await writeAuditEntry(tx, {
        action: "stack.saved",
        ...options.audit,
        project: { id: project.id, slug: project.slug },
        detail: { ...stack },
      });
      return project;
    },
  });
  const project = run.also;

  const provisioning = await provisionProject({
    db,
    config: options.config,
    project,
    stack,
    claimedRun: { id: run.id, attempt: run.attempt },
  });
  return {
    success: true,
    message: provisioning.success
      ? "Stack saved and project provisioned."
      : `Stack saved, but provisioning failed: ${provisioning.error ?? "see the project page"}`,
    provisioning,
    stack,
  };
}
