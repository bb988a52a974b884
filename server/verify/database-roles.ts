import pg from "pg";
import { runCommand } from "./processes";

/**
 * The database servers the checks run against, and the per-stack LOGIN roles (PostgreSQL) and users
 * (MariaDB, standing in for MySQL 8.4) created with the generated names and passwords. Every name
 * starts with `lpv_<pid>_`: a later run drops what a run whose process is gone left behind.
 */
export const NAME_PREFIX = "lpv_";
export const POSTGRES_ADMIN_URL =
  process.env.VERIFY_POSTGRES_ADMIN_URL ?? "postgresql://root@localhost/test?host=/var/run/postgresql";
export const SERVER_PORTS = {
  postgresql: Number(process.env.VERIFY_POSTGRES_PORT ?? 5432),
  mysql: Number(process.env.VERIFY_MYSQL_PORT ?? 3306),
};

export type ServerKind = keyof typeof SERVER_PORTS;
export type StackDatabase = {
  kind: ServerKind;
  databaseName: string;
  databaseUser: string;
  password: string;
};

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;
const PASSWORD = /^[A-Za-z0-9]+$/;

function checkNames(db: StackDatabase) {
  // The engine generates these; refuse anything else rather than quote it into SQL.
  if (!IDENTIFIER.test(db.databaseName) || !IDENTIFIER.test(db.databaseUser) || !PASSWORD.test(db.password))
    throw new Error("Unexpected characters in generated database names or password");
  if (!db.databaseUser.startsWith(NAME_PREFIX)) throw new Error("Generated names must carry the run prefix");
}

async function postgres<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function mariadb(sql: string): Promise<string> {
  // SQL goes through stdin: passwords never appear in a process list.
  const result = await runCommand(["mariadb", "-uroot", "--batch", "--skip-column-names"], {
    cwd: "/",
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    timeoutMs: 30_000,
    input: sql,
  });
  if (result.code !== 0) throw new Error(`mariadb: ${result.output.replace(/IDENTIFIED BY '[^']*'/g, "")}`);
  return result.output;
}

/** What is missing to boot against each server, or null when it answers. */
export async function serverProblems(): Promise<Record<ServerKind, string | null>> {
  const problems: Record<ServerKind, string | null> = { postgresql: null, mysql: null };
  try {
    await postgres((client) => client.query("SELECT 1"));
  } catch (error) {
    problems.postgresql = `no PostgreSQL server at ${POSTGRES_ADMIN_URL} (${(error as Error).message})`;
  }
  try {
    await mariadb("SELECT 1;");
  } catch (error) {
    problems.mysql = `no MariaDB/MySQL server for "mariadb -uroot" (${(error as Error).message.trim().split("\n")[0]})`;
  }
  return problems;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** lpv_<pid>_... names whose run has ended (crashed or killed): theirs to drop. */
function isLeftover(name: string): boolean {
  const pid = Number(/^lpv_(\d+)_/.exec(name)?.[1]);
  return Number.isInteger(pid) && pid !== process.pid && !isAlive(pid);
}

/** Drops databases and roles/users that a previous, ended run left behind. Returns how many. */
export async function removeLeftovers(available: Record<ServerKind, boolean>): Promise<number> {
  let removed = 0;
  if (available.postgresql) {
    await postgres(async (client) => {
      const dbs = await client.query<{ name: string }>(
        "SELECT datname AS name FROM pg_database WHERE datname LIKE 'lpv\\_%'",
      );
      for (const { name } of dbs.rows.filter((row) => isLeftover(row.name))) {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        removed++;
      }
      const roles = await client.query<{ name: string }>(
        "SELECT rolname AS name FROM pg_roles WHERE rolname LIKE 'lpv\\_%'",
      );
      for (const { name } of roles.rows.filter((row) => isLeftover(row.name))) {
        await client.query(`DROP ROLE IF EXISTS "${name}"`);
        removed++;
      }
    });
  }
  if (available.mysql) {
    const listed = await mariadb(
      "SELECT CONCAT('db ', schema_name) FROM information_schema.schemata WHERE schema_name LIKE 'lpv\\_%';" +
        "SELECT CONCAT('user ', user, ' ', host) FROM mysql.user WHERE user LIKE 'lpv\\_%';",
    );
    const statements: string[] = [];
    for (const line of listed.split("\n").filter(Boolean)) {
      const [what, name, host] = line.split(" ");
      if (!name || !isLeftover(name)) continue;
      statements.push(
        what === "db" ? `DROP DATABASE IF EXISTS \`${name}\`;` : `DROP USER IF EXISTS '${name}'@'${host}';`,
      );
    }
    if (statements.length > 0) await mariadb(statements.join("\n"));
    removed += statements.length;
  }
  return removed;
}

/** A LOGIN role (PostgreSQL) or user (MariaDB) that owns the stack's database, as the image would make it. */
export async function createStackDatabase(db: StackDatabase): Promise<void> {
  checkNames(db);
  if (db.kind === "postgresql") {
    await postgres(async (client) => {
      await client.query(`CREATE ROLE "${db.databaseUser}" LOGIN PASSWORD '${db.password}'`);
      await client.query(`CREATE DATABASE "${db.databaseName}" OWNER "${db.databaseUser}"`);
    });
  } else {
    await mariadb(
      [
        `CREATE DATABASE \`${db.databaseName}\`;`,
        ...["%", "localhost"].flatMap((host) => [
          `CREATE USER '${db.databaseUser}'@'${host}' IDENTIFIED BY '${db.password}';`,
          `GRANT ALL PRIVILEGES ON \`${db.databaseName}\`.* TO '${db.databaseUser}'@'${host}';`,
        ]),
      ].join("\n"),
    );
  }
}

export async function dropStackDatabase(db: StackDatabase): Promise<void> {
  checkNames(db);
  if (db.kind === "postgresql") {
    await postgres(async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${db.databaseName}" WITH (FORCE)`);
      await client.query(`DROP ROLE IF EXISTS "${db.databaseUser}"`);
    });
  } else {
    await mariadb(
      `DROP DATABASE IF EXISTS \`${db.databaseName}\`; DROP USER IF EXISTS '${db.databaseUser}'@'%'; DROP USER IF EXISTS '${db.databaseUser}'@'localhost';`,
    );
  }
}
