import pg from "pg";
import { describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "./embedded";

describe("the embedded database", () => {
  it("keeps each connection's statements and parameters together under concurrent load", async () => {
    const db = await startEmbeddedDatabase();
    const pool = new pg.Pool({ connectionString: db.url, max: 12 });
    try {
      await pool.query("CREATE TABLE echo (id int PRIMARY KEY, label text NOT NULL)");
      // Different statements with different parameters from many connections at once: with
      // interleaved protocol messages some would run with another connection's parameters.
      const results = await Promise.all(
        Array.from({ length: 300 }, async (_, i) => {
          if (i % 3 === 0) {
            const { rows } = await pool.query<{ id: number; label: string }>(
              "INSERT INTO echo (id, label) VALUES ($1, $2) RETURNING id, label",
              [i, `row-${i}`],
            );
            return rows[0]?.id === i && rows[0]?.label === `row-${i}`;
          }
          if (i % 3 === 1) {
            const { rows } = await pool.query<{ value: string }>("SELECT $1::text || '!' AS value", [
              `echo-${i}`,
            ]);
            return rows[0]?.value === `echo-${i}!`;
          }
          const client = await pool.connect();
          try {
            await client.query("BEGIN");
            const { rows } = await client.query<{ n: number }>("SELECT $1::int * 2 AS n", [i]);
            await client.query("COMMIT");
            return rows[0]?.n === i * 2;
          } finally {
            client.release();
          }
        }),
      );
      expect(results.filter((ok) => !ok)).toEqual([]);
      const { rows } = await pool.query<{ count: string }>("SELECT count(*) FROM echo");
      expect(Number(rows[0]?.count)).toBe(100);
    } finally {
      await pool.end();
      await db.stop();
    }
  });
});
