"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => undefined;

/**
 * False in the server's HTML and until React has hydrated the page, true after. A form whose submit
 * runs in the page's script keeps its button disabled until then: pressed earlier, the browser would
 * submit the form itself, reload the page and lose what was typed.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
