import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, open, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/**
 * One process per embedded data folder (two PGlite instances on one folder corrupt it). The lock is a
 * kernel lock (flock) on `<dataDir>/launchpad.lock`, held for the life of this process: the kernel
 * drops it when the process ends, however it ends, and it is seen by processes in other containers
 * that share the folder on the same host, where process ids mean nothing. Node has no flock, so
 * util-linux's `flock` holds it, tied to this process by a pipe: when this process dies the pipe
 * closes, the holder exits and the lock is gone (docs/decisions/025). Where `flock` is missing
 * (macOS), a pid file stands in, which sees only processes of this machine's process namespace.
 *
 * On network storage neither holds reliably: the README says the embedded database is unsupported there.
 */
const FLOCK = ["/usr/bin/flock", "/bin/flock"].find((candidate) => existsSync(candidate));
const ALREADY_LOCKED = 75;

export async function lockDataFolder(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
  return FLOCK ? holdFlock(FLOCK, dataDir) : lockWithPidFile(dataDir);
}

/** Who holds the lock, for the message a second process gets: written by the holder. */
const OWNER_FILE = "launchpad.lock.owner";

async function holdFlock(flock: string, dataDir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(dataDir, "launchpad.lock");
  // flock runs `cat` with the lock held; cat reads the pipe from this process until it closes.
  const holder = spawn(
    flock,
    [
      "--exclusive",
      "--nonblock",
      "--conflict-exit-code",
      String(ALREADY_LOCKED),
      lockPath,
      "sh",
      "-c",
      "echo locked; exec cat >/dev/null",
    ],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  // Settled by its exit, or by a spawn that failed (then no exit comes).
  const exited = new Promise<number | null>((resolve) => {
    holder.once("exit", (code) => resolve(code));
    holder.once("error", () => resolve(null));
  });
  const locked = await new Promise<boolean>((resolve) => {
    holder.stdout.once("data", () => resolve(true));
    void exited.then(() => resolve(false));
    holder.once("error", () => resolve(false));
  });
  if (!locked) {
    const code = await exited;
    if (code === ALREADY_LOCKED) {
      const owner = await readFile(path.join(dataDir, OWNER_FILE), "utf8").catch(() => "");
      throw new Error(
        `The embedded database in ${dataDir} is already open in another Launchpad${
          owner.trim() ? ` (${owner.trim()})` : ""
        }, possibly in another container. Stop that Launchpad first, or set LAUNCHPAD_DATA_DIR to another folder.`,
      );
    }
    throw new Error(`Could not lock ${lockPath}: flock exited with code ${code}`);
  }
  await writeFile(path.join(dataDir, OWNER_FILE), `host ${os.hostname()}, process ${process.pid}\n`, {
    mode: 0o600,
  });
  // The holder must not keep this process alive, nor die with its output unread.
  holder.unref();
  holder.stdout.resume();
  for (const stream of [holder.stdin, holder.stdout, holder.stderr])
    (stream as unknown as { unref?(): void }).unref?.();
  return async () => {
    await rm(path.join(dataDir, OWNER_FILE), { force: true });
    holder.stdin.end();
    await exited;
  };
}

/**
 * Takes `<dataDir>/launchpad.pid`, created exclusively. A file left by a process that no longer runs
 * (a crash) is taken over; one held by a live process is an error that names it.
 */
async function lockWithPidFile(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(dataDir, "launchpad.pid");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, "wx", 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(await readFile(lockPath, "utf8").catch(() => ""), 10);
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
        throw new Error(
          `The embedded database in ${dataDir} is already open in process ${holder}. ` +
            `Stop that Launchpad first, or set LAUNCHPAD_DATA_DIR to another folder.`,
        );
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${lockPath}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // A killed process that nobody reaped (common in containers without an init) still answers
  // kill(0) as a zombie: on Linux, /proc tells its state.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}
