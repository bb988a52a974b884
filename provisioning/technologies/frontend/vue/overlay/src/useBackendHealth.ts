import { onMounted, shallowRef, type ShallowRef } from "vue";
import { checkBackendHealth, type BackendHealth } from "./health.ts";

/** The backend's health, checked when the page mounts and again on each recheck(). */
export function useBackendHealth(): { health: ShallowRef<BackendHealth>; recheck: () => Promise<void> } {
  const health = shallowRef<BackendHealth>({ status: "checking" });
  let round = 0;

  async function recheck(): Promise<void> {
    // Only the latest check may set the result.
    const mine = ++round;
    health.value = { status: "checking" };
    const result = await checkBackendHealth();
    if (mine === round) health.value = result;
  }

  onMounted(recheck);
  return { health, recheck };
}
