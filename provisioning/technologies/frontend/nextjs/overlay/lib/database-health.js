// Written by Launchpad. The database check GET /api/health answers with and the first page shows when
// the stack has no backend: a real query against the database DATABASE_URL names. Plain JavaScript,
// and the driver is loaded at run time from the app's own node_modules: only the chosen database's
// driver is installed, and neither the bundler nor the type check looks for the others.
import { createRequire } from "node:module";
import path from "node:path";

const TIMEOUT_MS = 5000;
const load = async (name) => createRequire(path.join(process.cwd(), "package.json"))(name);

function databaseKind(url) {
  const scheme = url.slice(0, url.indexOf(":")).toLowerCase();
  if (scheme === "postgres" || scheme === "postgresql") return "postgresql";
  if (scheme === "mysql" || scheme === "mariadb") return "mysql";
  if (scheme === "sqlite" || scheme === "mongodb") return scheme;
  throw new Error(`DATABASE_URL has an unsupported scheme: ${scheme}`);
}

const queries = {
  async postgresql(url) {
    const pg = await load("pg");
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS });
    await client.connect();
    try {
      await client.query("SELECT 1");
    } finally {
      await client.end();
    }
  },
  async mysql(url) {
    const mysql = await load("mysql2/promise");
    const connection = await mysql.createConnection({ uri: url, connectTimeout: TIMEOUT_MS });
    try {
      await connection.query("SELECT 1");
    } finally {
      await connection.end();
    }
  },
  async sqlite(url) {
    const Database = await load("better-sqlite3");
    // sqlite:///relative/path and sqlite:////absolute/path, as SQLAlchemy and dj-database-url read them.
    const db = new Database(url.replace(/^sqlite:\/\//, "").replace(/^\//, ""));
    try {
      db.prepare("SELECT 1").get();
    } finally {
      db.close();
    }
  },
  async mongodb(url) {
    const { MongoClient } = await load("mongodb");
    const client = new MongoClient(url, { serverSelectionTimeoutMS: TIMEOUT_MS });
    try {
      await client.db().command({ ping: 1 });
    } finally {
      await client.close();
    }
  },
};

/**
 * { status: "ok" } without a database (DATABASE_URL empty or unset), { status: "ok", database } after
 * a successful query, { status: "error", database, reason } otherwise.
 * @returns {Promise<{ status: "ok" | "error", database?: string, reason?: string }>}
 */
export async function checkDatabase() {
  const url = process.env.DATABASE_URL;
  if (!url) return { status: "ok" };
  let kind = "unknown";
  try {
    kind = databaseKind(url);
    await queries[kind](url);
    return { status: "ok", database: kind };
  } catch (error) {
    return { status: "error", database: kind, reason: String(error?.message ?? error) };
  }
}
