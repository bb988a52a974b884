import "server-only";
import { randomBytes } from "node:crypto";
import os from "node:os";

/**
 * This process's name among the Launchpad instances that share one database: its host, its process id
 * and a random part, so that a restarted process (or a container that reuses pid 1) is a new
 * instance. Runs it claims carry it (issue 25). Kept on globalThis, not in the environment (children
 * would inherit it): the launcher and the app bundle Next.js loads into this process have separate
 * module copies, and both must agree.
 */
const KEY = Symbol.for("launchpad.instanceId");
const holder = globalThis as { [KEY]?: string };

export function instanceId(): string {
  holder[KEY] ??= `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  return holder[KEY];
}
