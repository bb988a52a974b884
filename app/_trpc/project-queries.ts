"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "./client";
import type { RouterOutputs } from "./router-types";

export type ProjectHistory = RouterOutputs["provisioning"]["history"];

/** How often the project page asks for the newest runs: quickly while one works, slowly otherwise. */
export const POLL_WHILE_RUNNING_MS = 1_000;
export const POLL_WHILE_IDLE_MS = 3_000;

export function hasActiveRun(history: ProjectHistory | undefined): boolean {
  const status = history?.runs[0]?.status;
  return status === "pending" || status === "running";
}

/**
 * After a save, a re-provision or a failure of the user's own: refetches every cached query that
 * the run changed, mounted or not, so no view of the project shows the state before it. Resolves
 * when the new data is in the cache, so a page opened next renders it on its first paint.
 */
export function useRefreshProjectQueries() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    async (slug: string) => {
      const changed = [
        trpc.provisioning.history.queryKey({ slug }),
        trpc.audit.project.queryKey({ slug }),
        trpc.interview.get.queryKey({ slug }),
        trpc.project.get.queryKey({ slug }),
        trpc.project.list.queryKey(),
      ];
      await Promise.all(
        changed.map((queryKey) => queryClient.invalidateQueries({ queryKey, refetchType: "all" })),
      );
    },
    [trpc, queryClient],
  );
}
