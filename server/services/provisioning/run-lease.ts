import "server-only";
import type { PrismaClient } from "../../db/client";
import { renewLease } from "./provisioning-runs";

/**
 * Renews a run's lease every third of its length while this process works on it, so that it runs
 * out only when the process stops (or loses the database) for most of a lease. A renewal that finds
 * the run failed by another instance is said once in the log; the run's outcome is recorded anyway.
 */
export function keepLeaseAlive(db: PrismaClient, runId: string, leaseMs: number): { stop(): void } {
  let warned = false;
  const timer = setInterval(
    () => {
      renewLease(db, runId, leaseMs).then(
        (held) => {
          if (!held && !warned) {
            warned = true;
            console.warn(`Provisioning run ${runId}: its lease was taken as expired by another instance.`);
          }
        },
        () => undefined, // a failed renewal is retried at the next tick
      );
    },
    Math.max(100, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
