import { Injectable, type OnModuleDestroy } from "@nestjs/common";

// One real query against the database named by DATABASE_URL. The driver is chosen from the URL's
// scheme, and only the chosen one is loaded: package.json holds that driver only.

type Kind = "postgresql" | "mysql" | "sqlite" | "mongodb";
type Connection = { query(): Promise<void>; close(): Promise<void> };
export type HealthBody = { status: "ok" | "error"; database?: string; reason?: string };

const TIMEOUT_MS = 5000;

export function databaseKind(url: string): Kind {
  const scheme = url.slice(0, url.indexOf(":")).toLowerCase();
  if (scheme === "postgres" || scheme === "postgresql") return "postgresql";
  if (scheme === "mysql" || scheme === "mariadb") return "mysql";
  if (scheme === "sqlite" || scheme === "mongodb") return scheme;
  throw new Error(`DATABASE_URL has an unsupported scheme: ${scheme}`);
}

/** sqlite:///relative/path and sqlite:////absolute/path, as SQLAlchemy and dj-database-url read them. */
export function sqlitePath(url: string): string {
  return url.replace(/^sqlite:\/\//, "").replace(/^\//, "");
}

/**
 * Loads a driver by name at run time. Only the project's own database's driver is installed, so the
 * compiler must not look for the others: what each connector uses of its driver is typed below.
 */
const load = (name: string): Promise<unknown> => import(name);

type Pool = { query(sql: string): Promise<unknown>; end(): Promise<void> };
type PgModule = { Pool: new (options: object) => Pool & { on(event: "error", listener: () => void): void } };
type MysqlModule = { createPool(options: object): Pool };
type SqliteModule = {
  default: new (file: string) => { prepare(sql: string): { get(): unknown }; close(): void };
};
type MongoModule = {
  MongoClient: new (
    url: string,
    options: object,
  ) => { db(): { command(command: object): Promise<unknown> }; close(): Promise<void> };
};

const connectors: Record<Kind, (url: string) => Promise<Connection>> = {
  async postgresql(url) {
    const { Pool } = (await load("pg")) as PgModule;
    const pool = new Pool({ connectionString: url, max: 5, connectionTimeoutMillis: TIMEOUT_MS });
    pool.on("error", () => {}); // an idle client that drops is replaced on the next query
    return { query: async () => void (await pool.query("SELECT 1")), close: () => pool.end() };
  },
  async mysql(url) {
    const mysql = (await load("mysql2/promise")) as MysqlModule;
    const pool = mysql.createPool({ uri: url, connectionLimit: 5, connectTimeout: TIMEOUT_MS });
    return { query: async () => void (await pool.query("SELECT 1")), close: () => pool.end() };
  },
  async sqlite(url) {
    const { default: Database } = (await load("better-sqlite3")) as SqliteModule;
    const db = new Database(sqlitePath(url));
    return { query: async () => void db.prepare("SELECT 1").get(), close: async () => void db.close() };
  },
  async mongodb(url) {
    const { MongoClient } = (await load("mongodb")) as MongoModule;
    const client = new MongoClient(url, { serverSelectionTimeoutMS: TIMEOUT_MS });
    return {
      query: async () => void (await client.db().command({ ping: 1 })),
      close: () => client.close(),
    };
  },
};

@Injectable()
export class DatabaseService implements OnModuleDestroy {
  private connection: Promise<Connection> | undefined;
  private readonly url = process.env.DATABASE_URL ?? "";

  async check(): Promise<{ status: number; body: HealthBody }> {
    if (!this.url) return { status: 200, body: { status: "ok" } };
    let kind = "unknown";
    try {
      const known = databaseKind(this.url);
      kind = known;
      this.connection ??= connectors[known](this.url);
      await (await this.connection).query();
      return { status: 200, body: { status: "ok", database: kind } };
    } catch (error) {
      this.connection = undefined; // connect again on the next check
      const reason = error instanceof Error ? error.message : String(error);
      return { status: 503, body: { status: "error", database: kind, reason } };
    }
  }

  async onModuleDestroy() {
    await (await this.connection)?.close();
  }
}
