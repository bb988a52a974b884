import "server-only";
import { isIPv6 } from "node:net";
import type { PrismaClient } from "../db/client";
import { AppError } from "../errors/app-error";

/**
 * Fixed-window limits counted in the database, so several instances share them, in Launchpad's own
 * UsageCounter table (keys "link:", "projects:", "runs:"; Better Auth's RateLimit table is pruned by
 * Better Auth after its own longest window). One statement counts and opens a new window when the old
 * one is over, so parallel calls cannot all pass one read. Returns the count in the current window
 * and the seconds until it ends.
 */
export async function countAttempt(options: {
  db: PrismaClient;
  key: string;
  windowSeconds: number;
  now?: number;
}): Promise<{ count: number; retryAfterSeconds: number }> {
  const now = options.now ?? Date.now();
  const windowStart = BigInt(now - options.windowSeconds * 1000);
  const [row] = await options.db.$queryRaw<{ count: number; windowStart: bigint }[]>`
    INSERT INTO "UsageCounter" ("key", "count", "windowStart")
    VALUES (${options.key}, 1, ${BigInt(now)})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "UsageCounter"."windowStart" <= ${windowStart} THEN 1
                ELSE "UsageCounter"."count" + 1 END,
      "windowStart" = CASE WHEN "UsageCounter"."windowStart" <= ${windowStart} THEN ${BigInt(now)}
                      ELSE "UsageCounter"."windowStart" END
    RETURNING "count", "windowStart"`;
  const windowEnd = Number(row!.windowStart) + options.windowSeconds * 1000;
  return { count: row!.count, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)) };
}

/**
 * The limit on the open procedures (setup, invite and password reset links) per client address.
 * In-process callers (no address) are not limited.
 */
export async function assertUnderLinkLimit(options: {
  db: PrismaClient;
  /** The client address (server/security/client-address.ts); null for in-process callers. */
  address: string | null;
  maxAttempts: number;
  windowSeconds: number;
  now?: number;
}): Promise<void> {
  if (!options.address) return;
  const { count, retryAfterSeconds } = await countAttempt({
    ...options,
    key: `link:${addressGroup(options.address)}`,
  });
  if (count > options.maxAttempts) {
    throw new AppError(
      "TOO_MANY_ATTEMPTS",
      `Too many requests from your address: try again in ${retryAfterSeconds} s.`,
    );
  }
}

/** What one person may start within a window: new projects, and provisioning runs (saves and re-provisions). */
export type UserLimits = { projects: number; runs: number; windowSeconds: number };

const USER_LIMIT_WORDS = {
  projects: "new projects",
  runs: "provisioning runs (saves of a stack and re-provisions)",
} as const;

/**
 * Counts one more of `what` for `userId` and refuses past the limit, saying what the limit is and
 * when the user can go on. Each project holds host ports and a folder, each run writes files: one
 * account must not be able to exhaust either for everyone (issue 23).
 */
export async function assertUnderUserLimit(options: {
  db: PrismaClient;
  userId: string;
  what: keyof typeof USER_LIMIT_WORDS;
  limits: UserLimits;
  now?: number;
}): Promise<void> {
  const max = options.limits[options.what];
  const { count, retryAfterSeconds } = await countAttempt({
    db: options.db,
    key: `${options.what}:${options.userId}`,
    windowSeconds: options.limits.windowSeconds,
    now: options.now,
  });
  if (count > max) {
    const minutes = Math.round(options.limits.windowSeconds / 60);
    throw new AppError(
      "TOO_MANY_ATTEMPTS",
      `You may start at most ${max} ${USER_LIMIT_WORDS[options.what]} in ${minutes} minutes. Try again in ${retryAfterSeconds} s.`,
    );
  }
}

/** IPv6 clients are grouped by their /64 (one subscriber's block); IPv4 addresses count alone. */
export function addressGroup(address: string): string {
  if (!isIPv6(address)) return address;
  const [head = "", tail = ""] = address.split("::");
  const headParts = head ? head.split(":") : [];
  const tailParts = tail ? tail.split(":") : [];
  const missing = address.includes("::") ? 8 - headParts.length - tailParts.length : 0;
  const parts = [...headParts, ...Array<string>(Math.max(0, missing)).fill("0"), ...tailParts];
  return `${parts
    .slice(0, 4)
    .map((part) => part.toLowerCase().replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
