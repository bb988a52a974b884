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

/**
 * A container's root is a layered filesystem (overlay); a machine's is a disk. /.dockerenv is not
 * asked: machines made from container images keep it.
 */
function runsInContainer(): boolean {
  if (existsSync("/run/.containerenv") || process.env.KUBERNETES_SERVICE_HOST) return true;
  try {
    const root = readFileSync("/proc/self/mountinfo", "utf8")
      .split("\n")
      .find((line) => line.split(" ")[4] === "/");
    const type = root?.split(" - ")[1]?.split(" ")[0] ?? "";
    return /^(overlay|aufs|fuse-overlayfs)$/.test(type);
  } catch {
    return false;
  }
}

/** The line a run's log carries when the test was skipped, so that nobody takes it as done. */
export const PORT_BIND_CHECK_SKIPPED =
  "Host ports were not bind-tested here (Launchpad runs in a container or on several machines, PROVISION_PORT_BIND_CHECK): they are unique among Launchpad's projects, and setup.sh checks them before it starts the stack.";
