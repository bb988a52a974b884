import { describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "../../db/client";
import { startEmbeddedDatabase } from "../../db/embedded";
import { prepareDatabase } from "../../db/prepare";
import { createScratchDatabase } from "../../test/global-setup";
import { TEST_PASSWORD, testAudit } from "../../test/test-context";
import { createUser } from "./create-user";
import { deactivateUser, setRole } from "./manage-users";

/**
 * "At least one active admin" under concurrency (issue 23): two admins, the only ones of a database of
 * their own, demote or deactivate each other at the same moment, many times. Exactly one change wins
 * each time, and one active admin is always left. Only the PostgreSQL run can catch a missing lock:
 * the embedded database serves one transaction at a time (docs/decisions/001), so there it proves the
 * rule without the race.
 */
const TRIALS = Number(process.env.RACE_TRIALS ?? 10);

async function freshDatabase() {
  const serverUrl = process.env.TEST_DATABASE_URL?.trim();
  return serverUrl ? createScratchDatabase(serverUrl) : startEmbeddedDatabase();
}

describe(`the last active admin (${inject("databaseKind")})`, () => {
  it("survives two admins demoting or deactivating each other at the same moment", async () => {
    const database = await freshDatabase();
    const db = createPrismaClient(database.url, 4);
    try {
      await prepareDatabase(database.url);
      const admins = await Promise.all(
        ["a", "b"].map((name) =>
          createUser({
            db,
            account: { email: `${name}@last-admin.invalid`, name, password: TEST_PASSWORD, role: "admin" },
          }),
        ),
      );
      const [a, b] = admins as [(typeof admins)[number], (typeof admins)[number]];
      for (let trial = 0; trial < TRIALS; trial++) {
        const results = await Promise.allSettled(
          trial % 2 === 0
            ? [
                setRole({ db, userId: a.id, role: "member", audit: testAudit(b) }),
                setRole({ db, userId: b.id, role: "viewer", audit: testAudit(a) }),
              ]
            : [
                deactivateUser({ db, userId: a.id, audit: testAudit(b) }),
                deactivateUser({ db, userId: b.id, audit: testAudit(a) }),
              ],
        );
        expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
        expect(results.find((result) => result.status === "rejected")).toMatchObject({
          reason: { code: "INVALID_INPUT", message: "Launchpad needs at least one active admin." },
        });
        expect(await db.user.count({ where: { role: "admin", deactivatedAt: null } })).toBe(1);
        // Both admins again for the next trial.
        await db.user.updateMany({
          where: { id: { in: [a.id, b.id] } },
          data: { role: "admin", deactivatedAt: null },
        });
      }
    } finally {
      await db.$disconnect();
      await database.stop();
    }
  });
});
