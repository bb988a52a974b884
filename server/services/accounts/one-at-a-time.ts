import "server-only";

const tails = new Map<string, Promise<unknown>>();

/**
 * Runs `task` after every earlier task with the same key has finished, in this process. Used where a
 * check and the write it guards must not interleave for one user (the wrong-password limit on
 * /account: check the count, verify, record the failure). Launchpad runs as one process (docs/
 * decisions/013), so this is enough; the keys are dropped once their queue is empty.
 */
export async function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(task);
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    if (tails.get(key) === tail) tails.delete(key);
  }
}
