import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { NONE, type Stack } from "../../provisioning/stack";
import { IMAGES } from "../../provisioning/versions";
import { TECHNOLOGIES_DIR } from "../../provisioning/paths";
import { stackFingerprint } from "../../provisioning/verification/stack-fingerprint";
import {
  readStackRecords,
  stackKey,
  VERIFIED_STACKS_FILE,
  type StackRecord,
} from "../../provisioning/verification/verified-stacks";
import { runCommand } from "./processes";
import type { StackReport } from "./report";
import { RUNNERS } from "./stacks";
import { baseEnvironment } from "./install";
import { POSTGRES_ADMIN_URL } from "./database-roles";

/**
 * `verify:stacks -- --record`: turns a run's reports into verified-stacks.json records, with the
 * parts of this machine that stood in for the generated project's pinned ones. Records of stacks this
 * run did not check are kept.
 */
export type ServerVersions = { postgresql: string | null; mysql: string | null };

export async function serverVersions(): Promise<ServerVersions> {
  const env = baseEnvironment();
  const postgresql = await runCommand(["psql", POSTGRES_ADMIN_URL, "-tAc", "SHOW server_version"], {
    cwd: "/",
    env,
    timeoutMs: 10_000,
  });
  const mysql = await runCommand(["mariadb", "-uroot", "-N", "-e", "SELECT VERSION()"], {
    cwd: "/",
    env,
    timeoutMs: 10_000,
  });
  const first = (output: string) => output.trim().split(/\s/)[0] ?? "";
  return {
    postgresql: postgresql.code === 0 ? first(postgresql.output) : null,
    mysql: mysql.code === 0 ? first(mysql.output) : null,
  };
}

/** Which Debian the Python packages came from: "Debian 13.8" (python/root.ts) or plain "Debian". */
const debianOf = (versions: Record<string, string>) =>
  versions.debian ? `Debian ${versions.debian}` : "Debian";

/** The Python packages the starter pins that ran here at another version (Debian's). */
async function pythonStandIns(backend: string, versions: Record<string, string>): Promise<string[]> {
  const requirements = await readFile(
    path.join(TECHNOLOGIES_DIR, "backend", backend, "app", "requirements.txt"),
    "utf8",
  ).catch(() => "");
  const installed = new Map(Object.entries(versions).map(([name, version]) => [name.toLowerCase(), version]));
  return requirements.split("\n").flatMap((line) => {
    const match = /^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==(\S+)/.exec(line.trim());
    if (!match) return [];
    const ran = installed.get(match[1]!.toLowerCase());
    return ran && ran !== "missing" && ran !== match[2]
      ? [`${match[1]} ${ran} (${debianOf(versions)}) for the pinned ${match[2]}`]
      : [];
  });
}

async function standIns(stack: Stack, report: StackReport, servers: ServerVersions): Promise<string[]> {
  if (!report.booted) return [];
  const list: string[] = [];
  const app = stack.backend !== NONE ? stack.backend : stack.frontend;
  const toolchain = RUNNERS[app]?.toolchain;
  const nodeRan = toolchain === "node" || report.page?.buildSeconds !== undefined;
  if (nodeRan) list.push(`Node ${process.version} for the image's ${IMAGES.node}`);
  if (toolchain === "python") {
    if (report.versions.python)
      list.push(`Python ${report.versions.python} (${debianOf(report.versions)}) for ${IMAGES.python}`);
    list.push(...(await pythonStandIns(stack.backend, report.versions)));
  }
  if (stack.database === "postgresql" && servers.postgresql)
    list.push(`PostgreSQL ${servers.postgresql} for ${IMAGES.postgres}`);
  if (stack.database === "mysql" && servers.mysql) list.push(`MariaDB ${servers.mysql} for ${IMAGES.mysql}`);
  if (report.page?.buildSeconds !== undefined || stack.frontend === "nextjs")
    list.push("the frontend's production build, served natively, for its dev server in Compose");
  return list;
}

function provenItems(stack: Stack, report: StackReport): string[] {
  if (!report.booted) return report.staticChecks?.map((check) => `static check: ${check}`) ?? [];
  const items = ["booted natively with the generated configuration"];
  if (report.health === "ok")
    items.push(
      stack.database === NONE
        ? "answered its health check"
        : `reached ${stack.database} with the credentials Launchpad generated (a query on every health check)`,
    );
  if (report.cors.startsWith("ok")) items.push(`CORS: ${report.cors}`);
  if (report.page) {
    if (report.page.buildSeconds !== undefined)
      items.push(`${report.page.app} built with its production build (${report.page.buildSeconds} s)`);
    items.push(`first page in Chromium showed the health: ${report.page.health}`);
    items.push(`first page styled: ${report.page.styled}`);
  }
  return items;
}

/** What a report says of its stack, for its record: the outcome, and why where it was not proven. */
export function outcomeOf(report: StackReport): Pick<StackRecord, "outcome" | "reason"> {
  if (report.failure)
    return { outcome: "failed", reason: `${report.failure.app} failed at "${report.failure.step}"` };
  if (report.booted) return { outcome: "proven" };
  return { outcome: "checked statically", ...(report.reason ? { reason: report.reason } : {}) };
}

export async function toRecord(
  stack: Stack,
  report: StackReport,
  servers: ServerVersions,
  checkedOn: string,
): Promise<StackRecord> {
  const { outcome, reason } = outcomeOf(report);
  return {
    stack: stackKey(stack),
    fingerprint: await stackFingerprint(stack),
    checkedOn,
    outcome,
    method: "native",
    proven: provenItems(stack, report),
    ...(reason ? { reason } : {}),
    versions: report.versions,
    standIns: await standIns(stack, report, servers),
  };
}

export async function writeRecords(records: StackRecord[], file = VERIFIED_STACKS_FILE): Promise<void> {
  const merged = new Map((await readStackRecords(file)).map((record) => [record.stack, record]));
  for (const record of records) {
    // A native boot never replaces a current proof that ran the user's own path in Docker.
    const kept = merged.get(record.stack);
    if (kept?.method === "docker" && record.method !== "docker" && kept.fingerprint === record.fingerprint)
      continue;
    merged.set(record.stack, record);
  }
  const sorted = [...merged.values()].sort((a, b) => a.stack.localeCompare(b.stack));
  const content = {
    $comment:
      "Written by `npm run verify:stacks -- --record` and `npm run verify:docker -- --record`; provisioning/verification/verified-stacks.ts reads it. Do not edit by hand.",
    records: sorted,
  };
  await writeFile(file, `${JSON.stringify(content, null, 2)}\n`);
}
