import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { uniqueSuffix } from "./helpers";
import { benchMembers, Launcher } from "./launcher";

/**
 * Two real instances on one PostgreSQL and one projects folder (issue 25): they start at the same
 * moment (migrations once), refuse a third with another secret key, give 50 concurrent saves distinct
 * ports and one run each, and survive 20 SIGKILLs of one of them in the middle of runs: the other
 * keeps serving, the killed one's runs are failed with a reason once their lease runs out and
 * re-provision, the survivor's runs (also those in flight while the killed one restarts) succeed.
 * What they share lives in the database: a session made on one works on the other, and wrong
 * passwords for one account count on both.
 * Needs a PostgreSQL server (TEST_DATABASE_URL): the embedded database serves one instance only.
 */
const serverUrl = process.env.TEST_DATABASE_URL?.trim();
const KILLS = Number(process.env.INSTANCE_KILLS ?? 20);
const LEASE_MS = 2000;
const BASE_PORT = Number(process.env.E2E_PORT ?? 3210) + 20;
const ROOT = path.resolve("test-results/e2e-instances");
const PROJECTS_DIR = path.join(ROOT, "projects");
const STACK = { backend: "laravel", database: "postgresql", frontend: "none", css: "tailwind" };
const LEASE_EXPIRED = "Interrupted: the Launchpad instance running it stopped before it finished.";

type SaveResult = { provisioning: { success: boolean; error: string | null } };

test.skip(!serverUrl, "TEST_DATABASE_URL is not set: two instances need a shared PostgreSQL server");

/** A database of the test's own on the server, dropped at the end. */
async function scratchDatabase(url: string) {
  const name = `launchpad_instances_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

test("two instances share one PostgreSQL: distinct ports, one run per save, SIGKILLs lose nothing", async () => {
  test.setTimeout(420_000);
  await rm(ROOT, { recursive: true, force: true });
  await mkdir(PROJECTS_DIR, { recursive: true });
  const database = await scratchDatabase(serverUrl!);
  const sql = new pg.Client({ connectionString: database.url });
  const key = randomBytes(32).toString("base64");
  const shared = {
    DATABASE_URL: database.url,
    PROJECTS_DIR,
    LAUNCHPAD_SECRET_KEY: key,
    PROVISION_LEASE_MS: String(LEASE_MS),
    PROVISION_PORT_RANGE_START: "40000",
    PROVISION_PORT_RANGE_END: "44999",
    LAUNCHPAD_USER_MAX_PROJECTS: "100000",
    LAUNCHPAD_USER_MAX_RUNS: "100000",
    LAUNCHPAD_SIGN_IN_MAX_ATTEMPTS: "1000",
  };
  const a = new Launcher(BASE_PORT, { ...shared, LAUNCHPAD_DATA_DIR: path.join(ROOT, "data-a") });
  const b = new Launcher(BASE_PORT + 1, { ...shared, LAUNCHPAD_DATA_DIR: path.join(ROOT, "data-b") });
  const other = new Launcher(BASE_PORT + 2, {
    ...shared,
    LAUNCHPAD_SECRET_KEY: randomBytes(32).toString("base64"),
    LAUNCHPAD_DATA_DIR: path.join(ROOT, "data-c"),
  });
  try {
    // Started at the same moment: the migrations' advisory lock lets one of them apply each migration.
    await Promise.all([a.start(), b.start()]);
    await sql.connect();
    const migrations = await sql.query<{ name: string; count: string }>(
      `SELECT migration_name AS name, count(*) AS count FROM "_prisma_migrations" GROUP BY 1 HAVING count(*) > 1`,
    );
    expect(migrations.rows, "migrations applied more than once").toEqual([]);

    // A third instance with another key refuses to start, and says why.
    await expect(other.start()).rejects.toThrow(/exited with code 1/);
    expect(other.output).toMatch(/Launchpad stopped: The secret key does not match/);

    async function newInterview(name: string) {
      const project = await a.call<{ slug: string }>("project.create", { name }, "mutation");
      const interview = await a.call<{ id: string }>("interview.get", { slug: project.slug }, "query");
      return { slug: project.slug, interviewId: interview.id };
    }
    const save = (launcher: Launcher, interviewId: string) =>
      launcher.call<SaveResult>("interview.saveStack", { interviewId, stack: STACK }, "mutation");

    // 50 concurrent saves, spread over both instances (signed in first: 25 sign-ins at once would
    // meet the sign-in hashing cap, by design).
    await Promise.all([a.signIn(), b.signIn()]);
    const batch = [];
    for (let i = 0; i < 50; i++) batch.push(await newInterview(`Shared ${i} ${uniqueSuffix()}`));
    const results = await Promise.all(batch.map((entry, i) => save(i % 2 ? b : a, entry.interviewId)));
    expect(results.filter((result) => !result.provisioning.success)).toEqual([]);
    const ports = await sql.query<{ total: string; distinct: string }>(
      `SELECT count(*) AS total, count(DISTINCT port) AS distinct FROM "PortAllocation"`,
    );
    expect(Number(ports.rows[0]!.total)).toBeGreaterThanOrEqual(50);
    expect(ports.rows[0]!.distinct).toBe(ports.rows[0]!.total);
    const perProject = await sql.query<{ runs: string; instances: string }>(
      `SELECT count(*) AS runs, count(DISTINCT "instanceId") AS instances FROM "ProvisioningRun" GROUP BY "projectId"`,
    );
    expect(perProject.rows.length).toBe(50);
    expect(perProject.rows.every((row) => row.runs === "1" && row.instances === "1")).toBe(true);
    const instances = await sql.query(`SELECT DISTINCT "instanceId" FROM "ProvisioningRun"`);
    expect(instances.rows.length).toBe(2);

    // SIGKILL b in the middle of its runs, again and again, while a works.
    const onB: string[] = [];
    const onA: string[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const forB = await Promise.all(
        [1, 2, 3].map((i) => newInterview(`Killed ${kill}-${i} ${uniqueSuffix()}`)),
      );
      const forA = await Promise.all(
        [1, 2].map((i) => newInterview(`Survivor ${kill}-${i} ${uniqueSuffix()}`)),
      );
      onB.push(...forB.map((entry) => entry.slug));
      onA.push(...forA.map((entry) => entry.slug));
      for (const entry of forB) void save(b, entry.interviewId).catch(() => undefined);
      // Killed once one of its runs is in progress (or after 3 s at most).
      await expect
        .poll(
          async () =>
            Number(
              (
                await sql.query<{ count: string }>(
                  `SELECT count(*) FROM "ProvisioningRun" r JOIN "Project" p ON p.id = r."projectId"
                   WHERE p.slug = ANY($1) AND r.status = 'running'`,
                  [forB.map((entry) => entry.slug)],
                )
              ).rows[0]!.count,
            ),
          { timeout: 3000, intervals: [25] },
        )
        .toBeGreaterThan(0)
        .catch(() => undefined);
      await b.stop("SIGKILL");
      // a's saves run while b restarts: b's start-up recovery must leave them alone.
      const survivors = Promise.all(forA.map((entry) => save(a, entry.interviewId)));
      await b.start();
      expect((await survivors).map((result) => result.provisioning.success)).toEqual([true, true]);
    }

    // Once the leases ran out, no run is left active.
    await expect
      .poll(
        async () =>
          (await sql.query(`SELECT 1 FROM "ProvisioningRun" WHERE status IN ('pending', 'running')`))
            .rowCount,
        { timeout: 4 * LEASE_MS + 10_000 },
      )
      .toBe(0);

    type Row = { slug: string; saved: boolean; runs: { status: string; error: string | null }[] };
    const rows = async (slugs: string[]) =>
      (
        await sql.query<Row>(
          `SELECT p.slug, p."stackSavedAt" IS NOT NULL AS saved,
                  coalesce(json_agg(json_build_object('status', r.status, 'error', r.error) ORDER BY r.attempt)
                           FILTER (WHERE r.id IS NOT NULL), '[]') AS runs
           FROM "Project" p LEFT JOIN "ProvisioningRun" r ON r."projectId" = p.id
           WHERE p.slug = ANY($1) GROUP BY p.slug, p."stackSavedAt"`,
          [slugs],
        )
      ).rows;

    const survivorRows = await rows(onA);
    expect(
      survivorRows.filter((row) => row.runs.length !== 1 || row.runs[0]!.status !== "succeeded"),
    ).toEqual([]);

    const killedRows = await rows(onB);
    // A save b never committed left nothing: no run and no saved stack. Every run it claimed ended.
    const lost = killedRows.filter((row) => row.saved !== row.runs.length > 0 || row.runs.length > 1);
    expect(lost).toEqual([]);
    const interrupted = killedRows.filter((row) => row.runs[0]?.status === "failed");
    expect(interrupted.filter((row) => row.runs[0]!.error !== LEASE_EXPIRED)).toEqual([]);
    console.log(
      `instances: ${KILLS} kills; b's ${onB.length} saves: ${interrupted.length} runs interrupted, ` +
        `${killedRows.filter((row) => row.runs[0]?.status === "succeeded").length} finished before the kill, ` +
        `${killedRows.filter((row) => row.runs.length === 0).length} cut before their claim; a's ${onA.length} saves all succeeded`,
    );
    expect(interrupted.length).toBeGreaterThan(0);

    // Re-provision works for every interrupted run.
    for (const row of interrupted) {
      const result = await a.call<{ success: boolean }>(
        "provisioning.reprovision",
        { slug: row.slug },
        "mutation",
      );
      expect(result.success, row.slug).toBe(true);
    }

    // A session made on a works on b; wrong passwords for one account count on both instances.
    const [member] = await benchMembers(a, 1);
    const mine = await b.call<{ items: unknown[] }>("project.list", {}, "query", member!.cookie);
    expect(Array.isArray(mine.items)).toBe(true);
    const wrongSignIn = (launcher: Launcher) =>
      fetch(`${launcher.baseURL}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: launcher.baseURL },
        body: JSON.stringify({ email: member!.email, password: "not-the-password-1" }),
      });
    // Past five failures in a row (LAUNCHPAD_SIGN_IN_ACCOUNT_FREE_FAILURES), the next attempt waits:
    // six wrong passwords spread over both instances, then the seventh is refused on either.
    for (const launcher of [a, b, a, b, a, b]) expect((await wrongSignIn(launcher)).status).toBe(401);
    const seventh = await wrongSignIn(a);
    expect(seventh.status).toBe(429);
    expect(await seventh.text()).toMatch(/Too many wrong passwords for this account/);

    // Nothing half-written: no staging folder, and every project folder has every file its manifest lists.
    const entries = await readdir(PROJECTS_DIR);
    expect(entries.filter((entry) => entry.startsWith(".staging-"))).toEqual([]);
    for (const entry of entries) {
      const manifest = JSON.parse(
        await readFile(path.join(PROJECTS_DIR, entry, "launchpad.json"), "utf8"),
      ) as {
        files: Record<string, string>;
      };
      const missing = Object.keys(manifest.files).filter(
        (file) => !existsSync(path.join(PROJECTS_DIR, entry, file)),
      );
      expect(missing, entry).toEqual([]);
    }
  } finally {
    await Promise.all([a.stop(), b.stop(), other.stop()]);
    await sql.end().catch(() => undefined);
    await database.drop();
    await rm(ROOT, { recursive: true, force: true });
  }
});

test("the setup token one instance prints opens /setup on the other, once", async () => {
  test.setTimeout(180_000);
  const root = path.join(ROOT, "setup");
  await rm(root, { recursive: true, force: true });
  const database = await scratchDatabase(serverUrl!);
  // No admin variables: each instance prints a one-time setup token at start.
  const shared = {
    DATABASE_URL: database.url,
    PROJECTS_DIR: path.join(root, "projects"),
    LAUNCHPAD_SECRET_KEY: randomBytes(32).toString("base64"),
    LAUNCHPAD_ADMIN_EMAIL: "",
    LAUNCHPAD_ADMIN_PASSWORD: "",
  };
  const a = new Launcher(BASE_PORT + 3, { ...shared, LAUNCHPAD_DATA_DIR: path.join(root, "data-a") });
  const b = new Launcher(BASE_PORT + 4, { ...shared, LAUNCHPAD_DATA_DIR: path.join(root, "data-b") });
  try {
    await Promise.all([a.start(), b.start()]);
    const tokenOf = (launcher: Launcher) => /setup token: (\S+)/.exec(launcher.output)?.[1];
    const [tokenA, tokenB] = [tokenOf(a), tokenOf(b)];
    expect(tokenA).toBeTruthy();
    expect(tokenB).toBeTruthy();
    const admin = {
      name: "First Admin",
      email: `first-${uniqueSuffix()}@e2e.invalid`,
      password: "first-admin-password-1",
    };
    // Open procedures carry no session: an empty cookie.
    const made = await b.call<{ email: string }>(
      "account.setup",
      { token: tokenA, ...admin },
      "mutation",
      "",
    );
    expect(made.email).toBe(admin.email);
    await expect(
      a.call(
        "account.setup",
        { token: tokenB, ...admin, email: `second-${uniqueSuffix()}@e2e.invalid` },
        "mutation",
        "",
      ),
    ).rejects.toThrow(/account\.setup failed/);
    // The account made through b signs in on a.
    expect(await a.session(admin)).toMatch(/better-auth\.session_token=/);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await database.drop();
    await rm(root, { recursive: true, force: true });
  }
});
