import "server-only";
import type { PrismaClient } from "../../db/client";
import { AppError } from "../../errors/app-error";

/** The end of one run's log (what the scripts printed), for the owner and admins. */
export async function getRunLog(options: { db: PrismaClient; projectId: string; attempt: number }) {
  const run = await options.db.provisioningRun.findUnique({
    where: { projectId_attempt: { projectId: options.projectId, attempt: options.attempt } },
    select: { logTail: true },
  });
  if (!run) throw new AppError("NOT_FOUND", `There is no run ${options.attempt} of this project.`);
  // Secrets were redacted before the log was stored (provision-project.ts).
  return { log: run.logTail };
}
