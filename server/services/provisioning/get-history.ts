import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { nextSteps } from "./provisioning-view";
import { archiveUnfinished } from "../../shared/project-lifecycle";
import { lifecycleStateOf, lifecycleStateSelect } from "../lifecycle/lifecycle-state";
import type { RunFailureView } from "./provisioning-result";
import { PROVISIONING_STEPS, type ProvisioningStep } from "./run-failure";

export type RunSummary = {
  id: string;
  attempt: number;
  status: "pending" | "running" | "succeeded" | "failed";
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  error: string | null;
  /** Why a failed run failed; null for other runs. Runs failed before steps were recorded have no step. */
  failure: RecordedFailure | null;
  scriptsUsed: string[];
  checksPassed: string[];
  /** The commit the run recorded on the project's `launchpad` branch, and what its git step did. */
  gitCommit: string | null;
  gitNote: string | null;
};

/** A failed run's explanation as stored; runs failed before issue 18 have only their reason. */
type RecordedFailure = Omit<RunFailureView, "step" | "stepLabel" | "fault"> & {
  step: string | null;
  stepLabel: string | null;
  fault: RunFailureView["fault"] | null;
};

const isStep = (step: string | null): step is ProvisioningStep => step !== null && step in PROVISIONING_STEPS;

/** A project's provisioning runs, newest first, and where its folder is after the last success. */
export async function getProvisioningHistory(options: {
  db: PrismaClient;
  slug: string;
}): Promise<{ runs: RunSummary[]; projectPath: string | null; nextSteps: string[] }> {
  const project = await options.db.project.findUnique({
    where: { slug: options.slug },
    select: {
      archivedAt: true,
      ...lifecycleStateSelect,
      runs: {
        orderBy: { attempt: "desc" },
        take: 50,
        select: {
          id: true,
          attempt: true,
          status: true,
          startedAt: true,
          finishedAt: true,
          error: true,
          failedStep: true,
          failureFault: true,
          failureAdvice: true,
          scriptsUsed: true,
          checksPassed: true,
          gitCommit: true,
          gitNote: true,
          projectPath: true,
        },
      },
    },
  });
  if (!project) throw new AppError("NOT_FOUND", `There is no project "${options.slug}".`);
  const lastSuccess = project.runs.find((run) => run.status === "succeeded");
  // An archived project's folder is not where its runs wrote it (issue 29), nor is one whose archive
  // stopped after moving it: no folder, no next steps.
  const away = project.archivedAt !== null || archiveUnfinished(lifecycleStateOf(project));
  const folder = away ? null : (lastSuccess?.projectPath ?? null);
  return {
    projectPath: folder,
    nextSteps: folder ? nextSteps(folder) : [],
    runs: project.runs.map(({ projectPath: _path, failedStep, failureFault, failureAdvice, ...run }) => ({
      ...run,
      durationMs: run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
      failure:
        run.status === "failed"
          ? {
              step: failedStep,
              stepLabel: isStep(failedStep) ? PROVISIONING_STEPS[failedStep] : null,
              fault: failureFault,
              reason: run.error ?? "",
              advice: failureAdvice ?? "",
            }
          : null,
    })),
  };
}
