import { useCallback, useEffect, useState } from "react";
import { checkBackendHealth, type BackendHealth } from "./health.ts";

/** The backend's health, checked when the page loads and again on each recheck(). */
export function useBackendHealth(): { health: BackendHealth; recheck: () => void } {
  const [health, setHealth] = useState<BackendHealth>({ status: "checking" });
  const [round, setRound] = useState(0);

  useEffect(() => {
    // Only the latest check may set the result (StrictMode runs effects twice in development).
    let latest = true;
    void checkBackendHealth().then((result) => {
      if (latest) setHealth(result);
    });
    return () => {
      latest = false;
    };
  }, [round]);

  const recheck = useCallback(() => {
    setHealth({ status: "checking" });
    setRound((n) => n + 1);
  }, []);

  return { health, recheck };
}
