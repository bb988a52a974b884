import "server-only";
import { existsSync, readFileSync } from "node:fs";

/**
 * Whether a new host port gets a bind test on Launchpad's own host (ports.ts). The test only means
 * something when the generated projects run on this same host, outside any container: inside a
 * container it binds in the container's network, and with instances on several machines it tests
 * only one of them. Then ports rely on the database allocation (unique across instances) and on
 * setup.sh's own check before it starts the stack. `auto` skips it in a container; `off` is for
 * instances on several machines.
 */
export function portBindCheckFor(setting: "auto" | "on" | "off"): boolean {
  if (setting !== "auto") return setting === "on";
  return !runsInContainer();
}

function runsInContainer(): boolean {
  if (existsSync("/.dockerenv") || existsSync("/run/.containerenv")) return true;
  if (process.env.KUBERNETES_SERVICE_HOST) return true;
  try {
    return /docker|kubepods|containerd|libpod/.test(readFileSync("/proc/1/cgroup", "utf8"));
  } catch {
    return false;
  }
}

/** The line a run's log carries when the test was skipped, so that nobody takes it as done. */
export const PORT_BIND_CHECK_SKIPPED =
  "Host ports were not bind-tested here (Launchpad runs in a container or on several machines, PROVISION_PORT_BIND_CHECK): they are unique among Launchpad's projects, and setup.sh checks them before it starts the stack.";
