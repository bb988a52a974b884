import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { NONE, type Stack } from "../../provisioning/stack";
import { runCommand } from "./processes";
import { baseEnvironment } from "./install";

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
  const overlay = path.join(projectDir, "backend", "overlay");
  if (existsSync(path.join(overlay, "resources", "views", "welcome.blade.php"))) {
    const failure = await laravelPageChecks(overlay, stack.frontend === NONE ? stack.css : NONE, passed);
    if (failure) return { passed, failure };
  }
  if (stack.database === NONE) return { passed, failure: null };
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

async function phpFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".php") && !entry.name.endsWith(".blade.php"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * Laravel's overlay, which cannot run here: its PHP parses (php -l), its welcome page carries the
 * marks the browser check reads, and it links exactly the chosen CSS through Vite, built from a
 * stylesheet that imports that framework (none: no Vite, no framework classes).
 */
async function laravelPageChecks(overlay: string, css: string, passed: string[]): Promise<string | null> {
  for (const file of await phpFiles(overlay)) {
    const lint = await runCommand(["php", "-l", file], {
      cwd: overlay,
      env: baseEnvironment(),
      timeoutMs: 30_000,
    });
    if (lint.code !== 0) return `php -l ${path.relative(overlay, file)}: ${lint.output.trim()}`;
  }
  passed.push("php -l on every PHP file of the overlay");
  const welcome = await readFile(path.join(overlay, "resources", "views", "welcome.blade.php"), "utf8");
  for (const mark of ["title", "health", "action"])
    if (!welcome.includes(`data-launchpad="${mark}"`))
      return `welcome.blade.php has no data-launchpad="${mark}"`;
  const stylesheet = await readFile(path.join(overlay, "resources", "css", "app.css"), "utf8").catch(
    () => "",
  );
  const usesVite = welcome.includes("@vite(");
  const expectations: Record<string, [boolean, string][]> = {
    tailwind: [
      [usesVite, "links resources/css/app.css through @vite"],
      [/@import\s+["']tailwindcss["']/.test(stylesheet), "app.css imports tailwindcss"],
      [welcome.includes("px-4 py-2") && welcome.includes("text-3xl"), "uses Tailwind's utilities"],
    ],
    bootstrap: [
      [usesVite, "links resources/css/app.css through @vite"],
      [stylesheet.includes("bootstrap/dist/css/bootstrap"), "app.css imports Bootstrap's CSS"],
      [welcome.includes("btn btn-primary"), "uses Bootstrap's classes"],
    ],
    none: [
      [!usesVite, "links no built CSS"],
      [
        !welcome.includes("--tw-") && !/class="[^"]*\b(btn|px-4)\b/.test(welcome),
        "uses no framework's classes",
      ],
    ],
  };
  for (const [holds, what] of expectations[css] ?? []) {
    if (!holds) return `the welcome page for ${css}: it is not true that it ${what}`;
    passed.push(`welcome page (${css}) ${what}`);
  }
  return null;
}
