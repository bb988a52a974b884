import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/**
 * Applies prisma/migrations/<name>/migration.sql in name order, each in its own transaction, and
 * records them in Prisma's own `_prisma_migrations` table so `prisma migrate` reads the same history.
 * Why not `prisma migrate deploy`: docs/decisions/002-migrations-without-native-engine.md.
 */

export const MIGRATIONS_DIR = path.resolve("prisma/migrations");

// Any constant works; it only has to be the same for every Launchpad process on one database.
const MIGRATION_LOCK_KEY = 72_616_273;

export type Migration = { name: string; sql: string; checksum: string };

/** Reads the migration folders, oldest first. */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type HistoryRow = { migration_name: string; checksum: string; finished_at: Date | null };

/**
 * Brings the database at `databaseUrl` up to date. Safe to call from several processes at once: an
 * advisory lock makes them take turns. Returns the names of the migrations it applied.
 */
export function migrateDatabase(databaseUrl: string, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  // The advisory lock serializes processes on a real server. The embedded database serves every
  // connection from one backend session, where that lock is re-entrant, so calls within this process
  // also queue here (only one process can own an embedded database).
  const previous = inProcessQueue.get(databaseUrl) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => migrateLocked(databaseUrl, dir));
  inProcessQueue.set(databaseUrl, run);
  return run;
}

const inProcessQueue = new Map<string, Promise<unknown>>();

async function migrateLocked(databaseUrl: string, dir: string): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_HISTORY_TABLE);
    const { rows } = await client.query<HistoryRow>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const history = new Map(rows.map((row) => [row.migration_name, row]));

    const applied: string[] = [];
    for (const migration of migrations) {
      const previous = history.get(migration.name);
      if (previous?.finished_at) {
        if (previous.checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was changed after it was applied. Add a new migration instead.`,
          );
        }
        continue;
      }
      if (previous) {
        throw new Error(
          `Migration ${migration.name} failed earlier and is marked unfinished in _prisma_migrations. ` +
            `Fix the database, then mark it rolled back (prisma migrate resolve --rolled-back).`,
        );
      }
      await applyOne(client, migration);
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

async function applyOne(client: pg.Client, migration: Migration): Promise<void> {
  const id = randomUUID();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${reason}`);
  }
}
