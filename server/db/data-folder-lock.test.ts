import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lockDataFolder } from "./data-folder-lock";

/**
 * The embedded database's data-folder lock (issue 25): a second process fails at once with a clear
 * message, also when the first runs in another container (another process namespace, where its pid
 * means nothing here), and the lock goes with its process however that ends.
 */
const children: ChildProcess[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function dataFolder() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "launchpad-lock-"));
  folders.push(dir);
  return dir;
}

/** Starts `command` and resolves once it printed `ready`. */
async function startHolder(command: string[]): Promise<ChildProcess> {
  const child = spawn(command[0]!, command.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready")) resolve();
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`holder exited with ${code}: ${output}`)));
  });
  return child;
}

async function lockedWithin(dir: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const release = await lockDataFolder(dir);
      await release();
      return true;
    } catch {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const canUnshare = process.getuid?.() === 0 && existsSync("/usr/bin/unshare");

describe("the data-folder lock", () => {
  it("refuses a second holder with a message that names the first, and is free again after release", async () => {
    const dir = await dataFolder();
    const release = await lockDataFolder(dir);
    await expect(lockDataFolder(dir)).rejects.toThrow(
      `The embedded database in ${dir} is already open in another Launchpad (host ${os.hostname()}, process ${process.pid}), possibly in another container.`,
    );
    await release();
    const again = await lockDataFolder(dir);
    await again();
  });

  it.runIf(canUnshare)(
    "sees a holder in another process namespace, whose pid means nothing here (another container)",
    async () => {
      const dir = await dataFolder();
      // What the old pid-file lock trusted, and took over: a pid that is not running in this namespace.
      await writeFile(path.join(dir, "launchpad.pid"), "999999");
      const holder = await startHolder([
        "unshare",
        "--pid",
        "--fork",
        "--kill-child",
        "--mount-proc",
        "flock",
        path.join(dir, "launchpad.lock"),
        "sh",
        "-c",
        "echo ready; exec sleep 60",
      ]);
      await expect(lockDataFolder(dir)).rejects.toThrow(/already open in another Launchpad/);
      holder.kill("SIGKILL");
      expect(await lockedWithin(dir, 5000)).toBe(true);
    },
  );

  it("goes with its process when that process is killed", async () => {
    const dir = await dataFolder();
    const script = `import { lockDataFolder } from ${JSON.stringify(path.resolve("server/db/data-folder-lock.ts"))};
await lockDataFolder(${JSON.stringify(dir)});
console.log("ready");
setInterval(() => {}, 1000);`;
    // Node itself with tsx's loader (the tsx command would put a second process in between).
    const holder = await startHolder([
      process.execPath,
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      script,
    ]);
    await expect(lockDataFolder(dir)).rejects.toThrow(/already open in another Launchpad/);
    holder.kill("SIGKILL");
    expect(await lockedWithin(dir, 5000)).toBe(true);
  });
});
