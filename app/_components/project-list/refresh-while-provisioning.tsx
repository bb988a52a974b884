"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const INTERVAL_MS = 2000;

/**
 * While a listed project is being provisioned, asks the server for the list again every two
 * seconds, so its status changes on screen without a reload; it stops once none is.
 */
export function RefreshWhileProvisioning({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), INTERVAL_MS);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
