import "server-only";

/**
 * The provisioning runs this process is working on, so that a graceful stop (server/cli/start.ts)
 * can wait for them and fail the ones its wait runs out on. On globalThis: the launcher and the app
 * bundle Next.js loads into this process have separate module copies.
 */
const KEY = Symbol.for("launchpad.runsInFlight");
const holder = globalThis as { [KEY]?: Map<string, Promise<unknown>> };
const inFlight = () => (holder[KEY] ??= new Map<string, Promise<unknown>>());

/** Tracks `work` as run `runId` until it settles. */
export function trackRun<T>(runId: string, work: Promise<T>): Promise<T> {
  const runs = inFlight();
  const tracked = work.finally(() => runs.delete(runId));
  runs.set(
    runId,
    tracked.catch(() => undefined),
  );
  return tracked;
}

/** The ids of the runs this process is working on now. */
export function runIdsInFlight(): string[] {
  return [...inFlight().keys()];
}

/** Waits until no run is in flight or `timeoutMs` passed; gives the ids still in flight then. */
export async function waitForRunsInFlight(timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  while (inFlight().size > 0 && Date.now() < deadline) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(inFlight().values()),
      new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now())))),
    ]);
    clearTimeout(timer);
  }
  return [...inFlight().keys()];
}
