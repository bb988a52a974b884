import { randomBytes } from "node:crypto";
import { createAuth } from "../auth/auth";
import { testDb } from "./test-context";

/**
 * Better Auth as Launchpad configures it, on the run's real database, with a key of its own and a
 * sign-in limit high enough that tests signing in often from one address are not refused.
 */
export function testAuth(origin = "http://localhost:3000") {
  return createAuth({
    db: testDb(),
    publicOrigin: origin,
    trustedOrigins: [origin],
    secret: randomBytes(32).toString("base64"),
    signIn: { maxAttempts: 1000, windowSeconds: 60 },
  });
}
