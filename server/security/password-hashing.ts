import "server-only";
import os from "node:os";
import { hashPassword, verifyPassword } from "better-auth/crypto";
import { AppError } from "../errors/app-error";

/**
 * Password hashing (Better Auth's scrypt, about 200 ms of CPU each) behind a per-process cap. Without
 * one, a flood of bogus link claims or sign-ins queues hundreds of hashes and starves everyone: 16
 * anonymous clients took correct sign-ins from 0.21 s to 6.9 s (issue 19). Each pool runs at most
 * `slots` hashes at once (default: the cores) and lets a short queue wait; past that the call is
 * refused at once with 429. Sign-ins have a pool of their own, so a flood of the open procedures
 * cannot take their turns. The pools live on globalThis under a registered symbol: the launcher and
 * the Next.js bundle each load this module, and a cap counts only if they share it.
 */
export const TOO_MANY_HASHES = "Too many requests, try again in a few seconds.";

export type HashPool = "sign-in" | "other";

class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly size: number,
    private readonly queueLimit: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) {
      if (this.waiting.length >= this.queueLimit) throw new AppError("TOO_MANY_ATTEMPTS", TOO_MANY_HASHES);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      hashesStarted++;
      return await task();
    } finally {
      // The slot passes straight to the next in line, or is freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

let hashesStarted = 0;

/** How many hashes or checks this module has started: tests prove a refusal came before any. */
export function passwordHashesStarted(): number {
  return hashesStarted;
}

const POOLS = Symbol.for("launchpad.passwordHashPools");
type Holder = { [POOLS]?: Record<HashPool, Slots> };

/** Sets the pools' size (the launcher, from LAUNCHPAD_PASSWORD_HASH_SLOTS); the default is the cores. */
export function configurePasswordHashing(slots: number = os.availableParallelism()): void {
  // Each waiting call costs one more hash time: four times the slots is at most about a second.
  (globalThis as Holder)[POOLS] = {
    "sign-in": new Slots(slots, slots * 4),
    other: new Slots(slots, slots * 4),
  };
}

function pool(name: HashPool): Slots {
  const holder = globalThis as Holder;
  if (!holder[POOLS]) configurePasswordHashing();
  return holder[POOLS]![name];
}

/** Hashes a password in `poolName`'s turn; 429 (TOO_MANY_ATTEMPTS) at once when its queue is full. */
export function hashPasswordInTurn(password: string, poolName: HashPool = "other"): Promise<string> {
  return pool(poolName).run(() => hashPassword(password));
}

/** Checks a password against its hash in `poolName`'s turn; 429 at once when its queue is full. */
export function verifyPasswordInTurn(
  input: { hash: string; password: string },
  poolName: HashPool = "other",
): Promise<boolean> {
  return pool(poolName).run(() => verifyPassword(input));
}
