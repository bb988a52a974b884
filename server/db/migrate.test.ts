import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { createScratchDatabase } from "../test/global-setup";
import { startEmbeddedDatabase } from "./embedded";
import { MIGRATIONS_DIR, migrateDatabase } from "./migrate";

async function freshDatabase() {
  const serverUrl = process.env.TEST_DATABASE_URL?.trim();
  return serverUrl ? createScratchDatabase(serverUrl) : startEmbeddedDatabase();
}

async function migrationsFolder(migrations: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "launchpad-migrations-"));
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function rows<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe(`the migration runner (${inject("databaseKind")})`, () => {
  it("records Prisma's history with sha256 checksums, in order, and applies nothing twice", async () => {
    const db = await freshDatabase();
    try {
      expect(await migrateDatabase(db.url)).toHaveLength(15);
      expect(await migrateDatabase(db.url)).toEqual([]);
      const history = await rows<{ migration_name: string; checksum: string; applied_steps_count: number }>(
        db.url,
        `SELECT migration_name, checksum, applied_steps_count FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY started_at`,
      );
      const first = await readFile(path.join(MIGRATIONS_DIR, "20261126220000_init", "migration.sql"));
      expect(history[0]).toEqual({
        migration_name: "20261126220000_init",
        checksum: createHash("sha256").update(first).digest("hex"),
        applied_steps_count: 1,
      });
      expect(history.map((row) => row.migration_name)).toEqual([
        "20261126220000_init",
        "20261126220100_one_active_run_per_project",
        "20261128030000_secret_key_canary",
        "20261128060000_accounts",
        "20261128070000_roles_ownership_invites",
        "20261128090000_audit",
        "20261128091000_password_resets",
        "20261203100000_run_failures",
        "20261203110000_invite_lifecycle",
        "20261203120000_usage_counters",
        "20261203130000_setup_tokens",
        "20261204120000_run_leases",
        "20261205090000_session_last_use",
        "20261206090000_git_repositories",
        "20261207090000_project_archive",
      ]);
    } finally {
      await db.stop();
    }
  });

  it("rolls a failing migration back whole and names it", async () => {
    const db = await freshDatabase();
    try {
      const dir = await migrationsFolder({
        "1_good": `CREATE TABLE good (id int);`,
        "2_bad": `CREATE TABLE half (id int); SELECT no_such_function();`,
      });
      await expect(migrateDatabase(db.url, dir)).rejects.toThrow(
        /Migration 2_bad failed and was rolled back/,
      );
      const tables = await rows<{ table_name: string }>(
        db.url,
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('good', 'half')`,
      );
      expect(tables.map((t) => t.table_name)).toEqual(["good"]);
      const names = await rows<{ migration_name: string }>(
        db.url,
        `SELECT migration_name FROM "_prisma_migrations"`,
      );
      expect(names.map((n) => n.migration_name)).toEqual(["1_good"]);
    } finally {
      await db.stop();
    }
  });

  it("refuses to go on when an applied migration was edited", async () => {
    const db = await freshDatabase();
    try {
      const dir = await migrationsFolder({ "1_first": `CREATE TABLE first (id int);` });
      await migrateDatabase(db.url, dir);
      await writeFile(path.join(dir, "1_first", "migration.sql"), `CREATE TABLE first (id bigint);`);
      await expect(migrateDatabase(db.url, dir)).rejects.toThrow(/1_first was changed after it was applied/);
    } finally {
      await db.stop();
    }
  });

  it("lets concurrent starts take turns", async () => {
    const db = await freshDatabase();
    try {
      const results = await Promise.all([
        migrateDatabase(db.url),
        migrateDatabase(db.url),
        migrateDatabase(db.url),
      ]);
      expect(results.flat().sort()).toEqual([
        "20261126220000_init",
        "20261126220100_one_active_run_per_project",
        "20261128030000_secret_key_canary",
        "20261128060000_accounts",
        "20261128070000_roles_ownership_invites",
        "20261128090000_audit",
        "20261128091000_password_resets",
        "20261203100000_run_failures",
        "20261203110000_invite_lifecycle",
        "20261203120000_usage_counters",
        "20261203130000_setup_tokens",
        "20261204120000_run_leases",
        "20261205090000_session_last_use",
        "20261206090000_git_repositories",
        "20261207090000_project_archive",
      ]);
    } finally {
      await db.stop();
    }
  });
});
