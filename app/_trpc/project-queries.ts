"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
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
 * After a save, a re-provision or a failure of the user's own: refetches the project's client-side
 * queries (its history, audit log and interview), mounted or not. Resolves when the new history is in
 * the cache, so a project page opened next renders it on its first paint. With `refreshPage`, it also
 * refreshes the current page's server-rendered parts (the project page's stack) and drops Next.js'
 * cache of other pages; the interview does not ask for that, because it navigates right after, and a
 * refresh still in flight would bring its own URL back over the navigation.
 */
export function useRefreshProjectQueries() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  return useCallback(
    async (slug: string, options: { refreshPage?: boolean } = {}) => {
      if (options.refreshPage) router.refresh();
      const changed = [
        trpc.provisioning.history.queryKey({ slug }),
        trpc.audit.project.queryKey({ slug }),
        // The wizard's copy of the interview (its status and answers changed with the save).
        trpc.interview.get.queryKey({ slug }),
      ];
      await Promise.all(
        changed.map((queryKey) => queryClient.invalidateQueries({ queryKey, refetchType: "all" })),
      );
    },
    [trpc, queryClient, router],
  );
}
