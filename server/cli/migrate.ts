/** `npm run db:migrate`: applies pending migrations and seeds the catalogue on DATABASE_URL. */
import { prepareDatabase } from "../db/prepare";
import { env } from "../env";

const url = env().DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL. (The embedded database is migrated by `npm start` itself.)");
  process.exit(1);
}
const { applied } = await prepareDatabase(url);
console.log(applied.length > 0 ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
