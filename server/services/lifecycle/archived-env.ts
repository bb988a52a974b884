import "server-only";
import { rm } from "node:fs/promises";
import { renameBetween, type ContainedDir } from "../../security/contained-dir";
import { parseEnvFile } from "../../../provisioning/render/env-file";
import { MANIFEST_FILE, sha256 } from "../../../provisioning/render/render-manifest";
import { PORT_VARIABLE } from "../../../provisioning/plan/ports";
import type { DatabaseCredentials, PortPurpose } from "../../../provisioning/plan/project-plan";

/**
 * What a restore reads from and writes to the archived project's own .env: its database credentials
 * (Launchpad dropped its copy at archive time) and, when a port was taken meanwhile, the new ports.
 */

export const ENV_FILE = ".env";

/** Identifiers as Launchpad generates them (credentials.ts), and passwords Compose and URLs carry as they are. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const PASSWORD = /^[A-Za-z0-9_-]{8,200}$/;

export type EnvCredentials =
  { found: true; credentials: DatabaseCredentials } | { found: false; why: string };

/** The database credentials the .env holds, or why none can be used. */
export function credentialsFromEnv(text: string | null): EnvCredentials {
  if (text === null) return { found: false, why: "the archived folder has no .env" };
  const values = parseEnvFile(text);
  const databaseName = values.DB_DATABASE;
  const databaseUser = values.DB_USERNAME;
  const password = values.DB_PASSWORD;
  if (!databaseName || !databaseUser || !password) {
    return { found: false, why: ".env has no DB_DATABASE, DB_USERNAME and DB_PASSWORD" };
  }
  if (!IDENTIFIER.test(databaseName) || !IDENTIFIER.test(databaseUser) || !PASSWORD.test(password)) {
    // Never quoted: the value may be the password.
    return { found: false, why: "the credentials in .env are not ones Launchpad can write back as they are" };
  }
  return { found: true, credentials: { databaseName, databaseUser, password } };
}

export type PortChange = { purpose: PortPurpose; from: number; to: number };

/**
 * The .env with each changed port replaced: the port's own variable, and the port where another value
 * names it after this machine's host (127.0.0.1:<port> or localhost:<port>, as in DATABASE_URL and
 * CORS_ORIGINS), so that a secret that happens to hold ":<port>" is never touched. Comments and every
 * other line are kept as they are. Hand-written because dotenv only parses: see docs/decisions/029.
 */
export function rewriteEnvPorts(text: string, changes: PortChange[]): string {
  if (changes.length === 0) return text;
  const portVariables = new Map(changes.map((change) => [PORT_VARIABLE[change.purpose], change]));
  // One pass for every port, so that two ports that trade places are not changed twice.
  const to = new Map(changes.map((change) => [String(change.from), String(change.to)]));
  const onThisHost = new RegExp(
    `(?<=(?:127\\.0\\.0\\.1|localhost):)(${[...to.keys()].join("|")})(?!\\d)`,
    "g",
  );
  return text
    .split("\n")
    .map((line) => {
      const assignment = /^(\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*)(.*)$/.exec(line);
      if (!assignment) return line;
      const [, head, key, value] = assignment as unknown as [string, string, string, string];
      const own = portVariables.get(key);
      if (own) return head + value.replace(wholeNumber(own.from), String(own.to));
      return head + value.replace(onThisHost, (port) => to.get(port) ?? port);
    })
    .join("\n");
}

const wholeNumber = (port: number) => new RegExp(`(?<!\\d)${port}(?!\\d)`);

/**
 * Writes the new .env next to the old one and renames it over it (never a half-written .env), and
 * moves the manifest's hash of .env along when it held the old one, so that the next re-provision
 * still sees an unchanged .env as Launchpad's own rather than the user's.
 */
export async function replaceEnv(folder: ContainedDir, before: string, after: string): Promise<void> {
  const temporary = `${ENV_FILE}.launchpad-restore`;
  await rm(folder.entry(temporary), { force: true });
  await folder.writeFile(temporary, after, 0o600);
  await renameBetween(folder, temporary, folder, ENV_FILE);

  const manifestText = await folder
    .readFile(MANIFEST_FILE)
    .then((content) => content.toString("utf8"))
    .catch(() => null);
  if (manifestText === null) return;
  let manifest: { files?: Record<string, unknown> };
  try {
    manifest = JSON.parse(manifestText) as { files?: Record<string, unknown> };
  } catch {
    return; // an unreadable manifest makes every file the user's on the next run anyway
  }
  if (!manifest.files || manifest.files[ENV_FILE] !== sha256(before)) return;
  manifest.files[ENV_FILE] = sha256(after);
  const manifestTemporary = `${MANIFEST_FILE}.launchpad-restore`;
  await rm(folder.entry(manifestTemporary), { force: true });
  // Written as renderManifest writes it, so that only the hash of .env differs.
  await folder.writeFile(manifestTemporary, `${JSON.stringify(manifest, null, 2)}\n`, 0o644);
  await renameBetween(folder, manifestTemporary, folder, MANIFEST_FILE);
}
