import pg from "pg";
import { inject } from "vitest";
import type { PortRange } from "../services/provisioning/ports";

/**
 * Host port ranges for tests, each handed out once per test run: test files run in parallel workers
 * against one database, so a range picked by hand in two files would make them compete. The cursor
 * is a row of the run's scratch database (created in global-setup.ts), moved atomically.
 */
const FIRST_TEST_PORT = 30_000;
const LAST_TEST_PORT = 60_999;

export async function createTestPortCursor(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE TABLE test_port_cursor (id int PRIMARY KEY, next_port int NOT NULL)`);
    await client.query(`INSERT INTO test_port_cursor VALUES (1, $1)`, [FIRST_TEST_PORT]);
  } finally {
    await client.end();
  }
}

/** A range of `size` ports that no other test of this run gets. */
export async function testPortRange(size = 200): Promise<PortRange> {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    const { rows } = await client.query<{ start: number }>(
      `UPDATE test_port_cursor SET next_port = next_port + $1 WHERE id = 1 RETURNING next_port - $1 AS start`,
      [size],
    );
    const start = rows[0]!.start;
    if (start + size - 1 > LAST_TEST_PORT) throw new Error("The tests used up their host port ranges");
    return { start, end: start + size - 1 };
  } finally {
    await client.end();
  }
}
