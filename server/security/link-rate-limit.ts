import "server-only";
import { randomUUID } from "node:crypto";
import { isIPv6 } from "node:net";
import type { PrismaClient } from "../db/client";
import { AppError } from "../errors/app-error";

/**
 * The limit on the open procedures (setup, invite and password reset links) per client address,
 * counted in the database so several instances share it, in the table Better Auth keeps its own
 * limits in (keys of our own, prefixed "link:"). One statement counts and opens a new window when
 * the old one is over, so parallel calls cannot all pass one read.
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
  const now = options.now ?? Date.now();
  const windowStart = BigInt(now - options.windowSeconds * 1000);
  const key = `link:${addressGroup(options.address)}`;
  const [row] = await options.db.$queryRaw<{ count: number; lastRequest: bigint }[]>`
    INSERT INTO "RateLimit" ("id", "key", "count", "lastRequest")
    VALUES (${randomUUID()}, ${key}, 1, ${BigInt(now)})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."lastRequest" <= ${windowStart} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "lastRequest" = CASE WHEN "RateLimit"."lastRequest" <= ${windowStart} THEN ${BigInt(now)}
                      ELSE "RateLimit"."lastRequest" END
    RETURNING "count", "lastRequest"`;
  if (row && row.count > options.maxAttempts) {
    const retryAfter = Math.max(
      1,
      Math.ceil((Number(row.lastRequest) + options.windowSeconds * 1000 - now) / 1000),
    );
    throw new AppError(
      "TOO_MANY_ATTEMPTS",
      `Too many requests from your address: try again in ${retryAfter} s.`,
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
