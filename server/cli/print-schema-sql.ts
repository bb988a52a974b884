/**
 * Prints the SQL that builds prisma/schema.prisma on an empty database, as Prisma would write it.
 * Use it to write a first migration where `prisma migrate dev` cannot run (no native engine).
 * Usage: npm run db:schema-sql [> prisma/migrations/<timestamp>_<name>/migration.sql]
 */
import { readFile } from "node:fs/promises";
import { startEmbeddedDatabase } from "../db/embedded";
import { sqlForSchema } from "../db/schema-engine";
import { env } from "../env";

const schema = await readFile("prisma/schema.prisma", "utf8");
const configured = env().DATABASE_URL;
const embedded = configured ? undefined : await startEmbeddedDatabase();
try {
  process.stdout.write(await sqlForSchema(schema, configured ?? embedded!.url));
} finally {
  await embedded?.stop();
}
// The wasm engine leaves a timer behind that would keep the process alive for 10 s.
process.exit(0);
