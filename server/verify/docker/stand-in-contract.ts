import { randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { IMAGES } from "../../../provisioning/versions";
import { runCommand, tail } from "../processes";
import { docker, dockerEnvironment } from "./engine";
import type { StandInName } from "./stand-ins";

/**
 * Checks that a database stand-in keeps the official image's documented contract, beyond what the
 * generated projects use: the password from a *_FILE secret, a database and user of the given names,
 * the SQL files in /docker-entrypoint-initdb.d run on the first start, a wrong password refused,
 * and a clear error without any password. Returns one line per stand-in, or the first problem.
 */
type Contract = {
  image: string;
  environment: (passwordFile: string) => string[];
  /** The database's own client in the container; the password travels in this environment variable. */
  client: { passwordVariable: string; command: (host: string) => string[] };
  missingPasswordMessage: string;
};

const USER = "contract_user";
const DATABASE = "contract_db";

const CONTRACTS: Partial<Record<StandInName, Contract>> = {
  postgres: {
    image: IMAGES.postgres,
    environment: (file) => [
      `POSTGRES_USER=${USER}`,
      `POSTGRES_PASSWORD_FILE=${file}`,
      `POSTGRES_DB=${DATABASE}`,
    ],
    client: {
      passwordVariable: "PGPASSWORD",
      command: (host) => ["psql", "-h", host, "-U", USER, "-d", DATABASE, "-Atc"],
    },
    missingPasswordMessage: "POSTGRES_PASSWORD is not set",
  },
  mysql: {
    image: IMAGES.mysql,
    environment: (file) => [
      "MYSQL_RANDOM_ROOT_PASSWORD=yes",
      `MYSQL_DATABASE=${DATABASE}`,
      `MYSQL_USER=${USER}`,
      `MYSQL_PASSWORD_FILE=${file}`,
    ],
    client: {
      passwordVariable: "MYSQL_PWD",
      command: (host) => ["mysql", "-h", host, "-u", USER, DATABASE, "-N", "-B", "-e"],
    },
    missingPasswordMessage: "no password option is specified",
  },
};

export async function checkStandInContracts(names: StandInName[]): Promise<{ ok: boolean; lines: string[] }> {
  const lines: string[] = [];
  for (const name of names) {
    const contract = CONTRACTS[name];
    if (!contract) continue;
    const problem = await checkContract(contract);
    if (problem) return { ok: false, lines: [...lines, `${contract.image}: ${problem}`] };
    lines.push(
      `${contract.image}: ok (*_FILE password, named database and user, initdb.d SQL run, wrong password refused, none refused with "${contract.missingPasswordMessage}")`,
    );
  }
  return { ok: true, lines };
}

async function checkContract(contract: Contract): Promise<string | null> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "launchpad-contract-"));
  const name = `lpv-contract-${randomBytes(3).toString("hex")}`;
  const password = randomBytes(12).toString("hex");
  try {
    // Readable by the database's user inside the container.
    await chmod(dir, 0o755);
    await mkdir(path.join(dir, "initdb"), { mode: 0o755 });
    await writeFile(path.join(dir, "password"), password, { mode: 0o644 });
    await writeFile(
      path.join(dir, "initdb", "01-marker.sql"),
      "CREATE TABLE from_init (note varchar(32));\nINSERT INTO from_init VALUES ('initdb ran');\n",
      { mode: 0o644 },
    );
    const started = await docker([
      "run",
      "--detach",
      "--name",
      name,
      ...contract.environment("/run/secrets/password").flatMap((pair) => ["--env", pair]),
      "--volume",
      `${path.join(dir, "password")}:/run/secrets/password:ro`,
      "--volume",
      `${path.join(dir, "initdb")}:/docker-entrypoint-initdb.d:ro`,
      contract.image,
    ]);
    if (started.code !== 0) return `docker run failed: ${tail(started.output, 5)}`;
    // Over the container's network address, as other containers connect: the official images trust
    // connections from inside the container on its loopback.
    const address = (
      await docker(["inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", name])
    ).output.trim();
    const query = (withPassword: string, sql: string) =>
      runCommand(
        [
          "docker",
          "exec",
          "-e",
          contract.client.passwordVariable,
          name,
          ...contract.client.command(address),
          sql,
        ],
        {
          cwd: "/",
          env: { ...dockerEnvironment(), [contract.client.passwordVariable]: withPassword },
          timeoutMs: 30_000,
        },
      );
    let answer = "";
    for (let attempt = 0; attempt < 60; attempt++) {
      const result = await query(password, "SELECT note FROM from_init");
      answer = result.output.trim();
      if (result.code === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    if (!answer.includes("initdb ran"))
      return `the initdb.d SQL did not run or the user could not log in: ${tail(answer, 5)}\n${tail((await docker(["logs", name])).output, 10)}`;
    const wrong = await query(`${password}x`, "SELECT 1");
    if (wrong.code === 0) return "a wrong password was accepted";

    const bare = await docker(["run", "--rm", contract.image], 60_000);
    if (bare.code === 0 || !bare.output.includes(contract.missingPasswordMessage))
      return `without a password it did not stop with "${contract.missingPasswordMessage}": ${tail(bare.output, 3)}`;
    return null;
  } finally {
    await docker(["rm", "--force", "--volumes", name]);
    await rm(dir, { recursive: true, force: true });
  }
}
