import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";
import { nextSteps } from "./provisioning-view";

export type RunSummary = {
  id: string;
  attempt: number;
  status: "pending" | "running" | "succeeded" | "failed";
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  error: string | null;
  scriptsUsed: string[];
  checksPassed: string[];
};

/** A project's provisioning runs, newest first, and where its folder is after the last success. */
export async function getProvisioningHistory(options: {
  db: PrismaClient;
  slug: string;
}): Promise<{ runs: RunSummary[]; projectPath: string | null; nextSteps: string[] }> {
  const project = await options.db.project.findUnique({
    where: { slug: options.slug },
    select: {
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
          scriptsUsed: true,
          checksPassed: true,
          projectPath: true,
        },
      },
    },
  });
  if (!project) throw new AppError("NOT_FOUND", `There is no project "${options.slug}".`);
  const lastSuccess = project.runs.find((run) => run.status === "succeeded");
  return {
    projectPath: lastSuccess?.projectPath ?? null,
    nextSteps: lastSuccess?.projectPath ? nextSteps(lastSuccess.projectPath) : [],
    runs: project.runs.map(({ projectPath: _path, ...run }) => ({
      ...run,
      durationMs: run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    })),
  };
}
