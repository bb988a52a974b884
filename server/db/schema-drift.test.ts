import { readFile } from "node:fs/promises";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { createScratchDatabase } from "../test/global-setup";
import { startEmbeddedDatabase } from "./embedded";
import { migrateDatabase } from "./migrate";
import { sqlForSchema } from "./schema-engine";

/**
 * Drift check: the database that prisma/migrations builds must be the one schema.prisma describes.
 * Two fresh databases are built, one by applying the migrations, one by the SQL that Prisma's own
 * schema engine writes for schema.prisma; then their catalogues (columns, types, defaults,
 * constraints, indexes, enums) are compared.
 */

// Objects that schema.prisma cannot express and that live in migrations only, by design.
const MIGRATION_ONLY_INDEXES = ["ProvisioningRun_one_active_per_project", "PasswordReset_one_open_per_user"];

async function freshDatabase() {
  const serverUrl = process.env.TEST_DATABASE_URL?.trim();
  return serverUrl ? createScratchDatabase(serverUrl) : startEmbeddedDatabase();
}

async function describeSchema(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const query = async (sql: string) =>
      (await client.query<{ line: string }>(sql)).rows.map((row) => row.line);
    const columns = await query(`
      SELECT format('column %s.%s %s %s nullable=%s default=%s', table_name, column_name, data_type,
             coalesce(udt_name, ''), is_nullable, coalesce(column_default, '')) AS line
      FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
    const constraints = await query(`
      SELECT format('constraint %s %s', conname, pg_get_constraintdef(c.oid)) AS line
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> '_prisma_migrations'`);
    const indexes = await query(`
      SELECT format('index %s', indexdef) AS line FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
        AND indexname <> ALL (ARRAY[${MIGRATION_ONLY_INDEXES.map((name) => `'${name}'`).join(",")}])`);
    const enums = await query(`
      SELECT format('enum %s %s', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)) AS line
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`);
    return [...columns, ...constraints, ...indexes, ...enums].sort();
  } finally {
    await client.end();
  }
}

describe(`schema.prisma and prisma/migrations (${inject("databaseKind")})`, () => {
  it("describe the same database", async () => {
    const fromMigrations = await freshDatabase();
    const fromSchema = await freshDatabase();
    try {
      await migrateDatabase(fromMigrations.url);
      const schemaSql = await sqlForSchema(await readFile("prisma/schema.prisma", "utf8"), fromSchema.url);
      const client = new pg.Client({ connectionString: fromSchema.url });
      await client.connect();
      await client.query(schemaSql);
      await client.end();

      const expected = await describeSchema(fromSchema.url);
      const actual = await describeSchema(fromMigrations.url);
      expect(actual.length).toBeGreaterThan(40);
      expect(actual, "the migrations differ from schema.prisma: add a migration (see README)").toEqual(
        expected,
      );
    } finally {
      await fromMigrations.stop();
      await fromSchema.stop();
    }
  });

  it("keeps the migration-only indexes the drift check ignores", async () => {
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    const { rows } = await client.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE indexname = ANY($1)`,
      [MIGRATION_ONLY_INDEXES],
    );
    await client.end();
    expect(rows.map((row) => row.indexname).sort()).toEqual([...MIGRATION_ONLY_INDEXES].sort());
  });
});
