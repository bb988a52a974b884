// Launchpad's starter: one real query against the database named by DATABASE_URL. The driver is
// chosen from the URL's scheme, and only the chosen one is loaded: package.json holds that one only.

const TIMEOUT_MS = 5000;

/** "postgresql", "mysql", "sqlite" or "mongodb", from the scheme of a connection URL. */
export function databaseKind(url) {
  const scheme = url.slice(0, url.indexOf(":")).toLowerCase();
  if (scheme === "postgres" || scheme === "postgresql") return "postgresql";
  if (scheme === "mysql" || scheme === "mariadb") return "mysql";
  if (scheme === "sqlite" || scheme === "mongodb") return scheme;
  throw new Error(`DATABASE_URL has an unsupported scheme: ${scheme}`);
}

/** sqlite:///relative/path and sqlite:////absolute/path, as SQLAlchemy and dj-database-url read them. */
export function sqlitePath(url) {
  return url.replace(/^sqlite:\/\//, "").replace(/^\//, "");
}

const connectors = {
  async postgresql(url) {
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: url, max: 5, connectionTimeoutMillis: TIMEOUT_MS });
    pool.on("error", () => {}); // an idle client that drops is replaced on the next query
    return async () => void (await pool.query("SELECT 1"));
  },
  async mysql(url) {
    const mysql = await import("mysql2/promise");
    const pool = mysql.createPool({ uri: url, connectionLimit: 5, connectTimeout: TIMEOUT_MS });
    return async () => void (await pool.query("SELECT 1"));
  },
  async sqlite(url) {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(sqlitePath(url));
    return async () => void db.prepare("SELECT 1").get();
  },
  async mongodb(url) {
    const { MongoClient } = await import("mongodb");
    const client = new MongoClient(url, { serverSelectionTimeoutMS: TIMEOUT_MS });
    return async () => void (await client.db().command({ ping: 1 }));
  },
};

let query;

/** The /health answer: 200 only after a real query succeeded (or when there is no database). */
export async function checkDatabase(url = process.env.DATABASE_URL) {
  if (!url) return { status: 200, body: { status: "ok" } };
  let kind = "unknown";
  try {
    kind = databaseKind(url);
    query ??= connectors[kind](url);
    await (
      await query
    )();
    return { status: 200, body: { status: "ok", database: kind } };
  } catch (error) {
    query = undefined; // connect again on the next check
    return {
      status: 503,
      body: { status: "error", database: kind, reason: String(error?.message ?? error) },
    };
  }
}
