import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Which way the server's folders depend on each other: `server/auth` (Better Auth, sessions, the
 * policy) may use the services, never the other way round, so the two never form a cycle (issue 23).
 */
const SERVER = import.meta.dirname;

async function productionFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(SERVER, dir), { recursive: true });
  return entries
    .filter((entry) => /\.tsx?$/.test(entry) && !entry.endsWith(".test.ts"))
    .map((entry) => path.join(dir, entry));
}

describe("server folders", () => {
  it("services never import server/auth", async () => {
    const offenders: string[] = [];
    for (const file of await productionFiles("services")) {
      const text = await readFile(path.join(SERVER, file), "utf8");
      if (/from "(?:\.\.\/)+auth\//.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it("routers write no audit entry themselves and build only on the procedure builders", async () => {
    // Each audited action is one service call that requires an AuditRequest and writes its entry in
    // the action's transaction; a router writing an entry of its own would write it outside.
    const offenders: string[] = [];
    for (const file of await productionFiles("api/routers")) {
      const text = await readFile(path.join(SERVER, file), "utf8");
      if (/record-audit|auditEntry|initTRPC|\bt\.procedure\b/.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});
