import { randomBytes } from "node:crypto";

/** A project name no other test (or earlier run) uses. */
export function uniqueName(prefix = "Test project"): string {
  return `${prefix} ${randomBytes(4).toString("hex")}`;
}
