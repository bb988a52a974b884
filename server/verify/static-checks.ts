import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Stack } from "../shared/stack";

/**
 * What can be checked of a stack that cannot boot here: the driver its database needs is in the
 * generated manifest or image. Returns the names of the checks that passed, or the first failure.
 */
const NODE_DRIVERS: Record<string, string> = {
  postgresql: "pg",
  mysql: "mysql2",
  sqlite: "better-sqlite3",
  mongodb: "mongodb",
};
const PYTHON_DRIVERS: Record<string, RegExp> = {
  postgresql: /^psycopg/im,
  mysql: /^PyMySQL==/im,
  sqlite: /^/,
  mongodb: /^pymongo==/im,
};
const PHP_EXTENSIONS: Record<string, string> = {
  postgresql: "pdo_pgsql",
  mysql: "pdo_mysql",
  mongodb: "mongodb",
  sqlite: "",
};

export async function staticChecks(
  projectDir: string,
  stack: Stack,
): Promise<{ passed: string[]; failure: string | null }> {
  const passed: string[] = [];
  const app = path.join(projectDir, "backend", "app");
  const dockerfile = path.join(projectDir, "backend", "Dockerfile");
  if (stack.database === "none") return { passed, failure: null };
  if (existsSync(path.join(app, "package.json"))) {
    const manifest = JSON.parse(await readFile(path.join(app, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
    };
    const driver = NODE_DRIVERS[stack.database] ?? "";
    if (!manifest.dependencies?.[driver]) return { passed, failure: `package.json lacks ${driver}` };
    const lock = JSON.parse(await readFile(path.join(app, "package-lock.json"), "utf8")) as {
      packages?: Record<string, { version?: string }>;
    };
    if (lock.packages?.[`node_modules/${driver}`]?.version !== manifest.dependencies[driver])
      return { passed, failure: `package-lock.json does not pin ${driver} ${manifest.dependencies[driver]}` };
    passed.push(`driver ${driver} in package.json and package-lock.json`);
  } else if (existsSync(path.join(app, "requirements.txt"))) {
    const requirements = await readFile(path.join(app, "requirements.txt"), "utf8");
    if (!PYTHON_DRIVERS[stack.database]?.test(requirements))
      return { passed, failure: `requirements.txt lacks the ${stack.database} driver` };
    passed.push(`driver for ${stack.database} in requirements.txt`);
  } else if (existsSync(dockerfile) && /composer/.test(await readFile(dockerfile, "utf8"))) {
    const extension = PHP_EXTENSIONS[stack.database] ?? "";
    if (extension && !(await readFile(dockerfile, "utf8")).includes(extension))
      return { passed, failure: `the Dockerfile does not install PHP's ${extension}` };
    passed.push(`PHP extension ${extension || "pdo_sqlite (bundled)"} in the Dockerfile`);
  }
  return { passed, failure: null };
}
