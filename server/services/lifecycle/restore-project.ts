import "server-only";
import type { PrismaClient } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors/app-error";
import { encryptSecret } from "../../security/secret-box";
import { ARCHIVE_FOLDER, type LifecycleStep } from "../../shared/project-lifecycle";
import { parseEnvFile } from "../../../provisioning/render/env-file";
import { PORT_VARIABLE } from "../../../provisioning/plan/ports";
import { writeAuditEntry, type AuditRequest } from "../audit/record-audit";
import { assignPorts, isPortFreeOnHost } from "../provisioning/ports";
import type { ProvisioningConfig } from "../provisioning/provisioning-config";
import {
  PORT_PURPOSES,
  type DatabaseCredentials,
  type PortAssignment,
  type PortPurpose,
} from "../../../provisioning/plan/project-plan";
import { findProjectFolder, moveOutOfArchive, withProjectFolder } from "./archive-folder";
import { credentialsFromEnv, ENV_FILE, replaceEnv, rewriteEnvPorts, type PortChange } from "./archived-env";
import { claimLifecycle, CLAIM_RELEASED, failLifecycle } from "./lifecycle-claim";

export type RestoredPort = {
  purpose: PortPurpose;
  port: number;
  /** The port it held before it was archived. */
  previousPort: number;
  /** Why it has a new one, when it has. */
  changedBecause: string | null;
};

export type RestoreOutcome = {
  slug: string;
  ports: RestoredPort[];
  /** The credentials read back from the archived .env (and stored encrypted again). */
  credentialsRestored: boolean;
  /** What changed, in sentences the page shows as they are. */
  notes: string[];
};

/**
 * Restores an archived project within its retention (issue 29). Steps, each checked:
 * 1. claim: archived, retention not over, no other operation;
 * 2. read the database credentials back from the archived .env;
 * 3. take its ports again where still free (in the range, nobody else's, nothing listening), and new
 *    ones for the rest;
 * 4. write the new ports into .env when any changed;
 * 5. move the folder back to PROJECTS_DIR/<slug>;
 * 6. store the credentials encrypted, mark it active again and audit: one transaction.
 * A failure gives back the ports step 3 took (the project holds none while archived) and keeps the
 * ports .env names as the ones to take next time; it is recorded and retried by restoring again.
 */
export async function restoreProject(options: {
  db: PrismaClient;
  slug: string;
  config: ProvisioningConfig;
  audit: AuditRequest;
  expectedOwnerId?: string | null;
}): Promise<RestoreOutcome> {
  const { db, slug, config } = options;
  // A folder already back in projects/ is a restore that stopped at its last step: finishing it is
  // allowed after the retention ended, since nothing is left to purge in the archive.
  const finishing = (await findProjectFolder(config.projectsDir, slug).catch(() => "none")) === "projects";
  const project = await claimLifecycle({
    db,
    slug,
    operation: "restore",
    expectedOwnerId: options.expectedOwnerId,
    precondition: async (row, tx) => {
      if (!row.archivedAt) throw new AppError("INVALID_INPUT", "This project is not archived.");
      if (row.purgeStartedAt) {
        throw new AppError(
          "INVALID_INPUT",
          "A purge already removed part of its folder, so it cannot be restored: purge it again to finish.",
        );
      }
      const [now] = await tx.$queryRaw<{ at: Date }[]>`SELECT clock_timestamp() AS at`;
      if (!finishing && row.retainUntil && now && row.retainUntil < now.at) {
        throw new AppError(
          "INVALID_INPUT",
          `Its retention ended on ${row.retainUntil.toISOString().slice(0, 10)}: it is waiting to be purged and can no longer be restored.`,
        );
      }
    },
  });

  const previous = archivedPortsOf(project.archivedPorts);
  let step: LifecycleStep = "read-env";
  let tookPorts = false;
  let envNow: PortAssignment | null = null;
  try {
    const envText = await withProjectFolder(config.projectsDir, slug, async (folder) =>
      // A link or a folder named .env is not read: the project then has no credentials to restore.
      folder && (await folder.lstat(ENV_FILE))?.isFile()
        ? (await folder.readFile(ENV_FILE)).toString("utf8")
        : null,
    );
    const credentials = credentialsFromEnv(envText);

    step = "ports";
    tookPorts = true;
    const ports = await retakePorts(db, project.id, previous, config);

    step = "write-env";
    // What .env names now (an earlier attempt may have written new ports already) is what changes.
    const changes = envText === null ? [] : portChanges(envText, ports);
    if (changes.length > 0) {
      await withProjectFolder(config.projectsDir, slug, async (folder) => {
        if (folder) await replaceEnv(folder, envText!, rewriteEnvPorts(envText!, changes));
      });
      envNow = Object.fromEntries(ports.map((port) => [port.purpose, port.port]));
    }

    step = "move-back";
    const moved = await moveOutOfArchive(config.projectsDir, slug);

    step = "record";
    await db.$transaction(async (tx) => {
      if (credentials.found) await storeCredentials(tx, project.id, credentials.credentials, config);
      await tx.project.update({
        where: { id: project.id },
        data: { archivedAt: null, retainUntil: null, archivedPorts: Prisma.DbNull, ...CLAIM_RELEASED },
      });
      await writeAuditEntry(tx, {
        action: "project.restored",
        ...options.audit,
        project: { id: project.id, slug },
        detail: {
          portsChanged: changes.length,
          credentialsRestored: credentials.found,
          folder: moved === "none" ? "none" : `projects/${slug}`,
        },
      });
    });
    return {
      slug,
      ports,
      credentialsRestored: credentials.found,
      notes: restoreNotes({
        slug,
        ports,
        envWritten: changes.length > 0,
        credentials,
        hasFolder: moved !== "none",
        hadDatabase: previous.database !== undefined,
      }),
    };
  } catch (error) {
    if (tookPorts) {
      // The ports go back; the ones .env names now are the ones a retry takes first.
      await db
        .$transaction([
          db.portAllocation.deleteMany({ where: { projectId: project.id } }),
          ...(envNow
            ? [db.project.update({ where: { id: project.id }, data: { archivedPorts: envNow } })]
            : []),
        ])
        .catch((releaseError: unknown) => console.error("Could not give back the ports:", releaseError));
    }
    throw await failLifecycle(
      db,
      project.id,
      "restore",
      step,
      error,
      step === "record"
        ? `The folder is back in projects/${slug}, but the project still shows as archived. Restore again to finish.`
        : `The project stays archived, its folder in projects/${ARCHIVE_FOLDER}/${slug}${envNow ? " (its .env already names the new ports)" : ""}. Fix the cause, then restore again.`,
    );
  }
}

function archivedPortsOf(value: unknown): Partial<Record<PortPurpose, number>> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      ([purpose, port]) => (PORT_PURPOSES as readonly string[]).includes(purpose) && Number.isInteger(port),
    ),
  );
}

/**
 * Takes the archived ports again where they are still free, then new ones for the rest (the same
 * allocation as provisioning: one port per purpose, never one held by another project).
 */
async function retakePorts(
  db: PrismaClient,
  projectId: string,
  previous: Partial<Record<PortPurpose, number>>,
  config: ProvisioningConfig,
): Promise<RestoredPort[]> {
  const purposes = PORT_PURPOSES.filter((purpose) => previous[purpose] !== undefined);
  if (purposes.length === 0) return [];
  const bindCheck = config.portBindCheck ?? true;
  const why = new Map<PortPurpose, string>();
  const inRange = purposes.filter((purpose) => {
    const port = previous[purpose]!;
    const fits = port >= config.portRange.start && port <= config.portRange.end;
    if (!fits)
      why.set(purpose, `it is outside the port range ${config.portRange.start}-${config.portRange.end}`);
    return fits;
  });
  await db.portAllocation.createMany({
    data: inRange.map((purpose) => ({ projectId, purpose, port: previous[purpose]! })),
    skipDuplicates: true,
  });
  const held = await db.portAllocation.findMany({
    where: { projectId },
    select: { port: true, purpose: true },
  });
  for (const purpose of inRange) {
    const port = previous[purpose]!;
    const mine = held.some((row) => row.purpose === purpose && row.port === port);
    if (!mine) {
      why.set(purpose, "another project took it while this one was archived");
    } else if (bindCheck && !(await isPortFreeOnHost(port))) {
      why.set(purpose, "something on this host listens on it");
      await db.portAllocation.delete({ where: { port } });
    }
  }
  const assigned = await assignPorts({ db, projectId, purposes, range: config.portRange, bindCheck });
  return purposes.map((purpose) => ({
    purpose,
    port: assigned[purpose]!,
    previousPort: previous[purpose]!,
    changedBecause: assigned[purpose] === previous[purpose] ? null : (why.get(purpose) ?? "it was taken"),
  }));
}

/** The ports whose variable in .env names another port than the one now held. */
function portChanges(envText: string, ports: RestoredPort[]): PortChange[] {
  const values = parseEnvFile(envText);
  return ports.flatMap((port) => {
    const named = Number(values[PORT_VARIABLE[port.purpose]]);
    const from = Number.isInteger(named) && named > 0 ? named : port.previousPort;
    return from === port.port ? [] : [{ purpose: port.purpose, from, to: port.port }];
  });
}

async function storeCredentials(
  tx: Prisma.TransactionClient,
  projectId: string,
  credentials: DatabaseCredentials,
  config: ProvisioningConfig,
) {
  const row = {
    databaseName: credentials.databaseName,
    databaseUser: credentials.databaseUser,
    passwordEncrypted: encryptSecret(credentials.password, config.key),
  };
  await tx.projectCredentials.upsert({ where: { projectId }, create: { projectId, ...row }, update: row });
}

function restoreNotes(options: {
  slug: string;
  ports: RestoredPort[];
  envWritten: boolean;
  credentials: ReturnType<typeof credentialsFromEnv>;
  hasFolder: boolean;
  hadDatabase: boolean;
}): string[] {
  const notes: string[] = [];
  if (options.hasFolder) notes.push(`The folder is back in projects/${options.slug}.`);
  else notes.push("The project had no folder when it was archived: re-provision it to write one.");
  const kept = options.ports.filter((port) => port.changedBecause === null);
  if (kept.length > 0) {
    notes.push(`Took its ports again: ${kept.map((port) => `${port.port} (${port.purpose})`).join(", ")}.`);
  }
  for (const port of options.ports.filter((port) => port.changedBecause !== null)) {
    notes.push(
      `Port ${port.previousPort} (${port.purpose}) could not be taken again (${port.changedBecause}): it now uses ${port.port}${options.envWritten ? ", written into .env" : ""}.`,
    );
  }
  if (options.envWritten) {
    notes.push(
      "README.md still names the old ports until the next re-provision. If the old containers still run, " +
        `stop them first, keeping their data: docker compose -p ${options.slug} down (without -v).`,
    );
  }
  if (options.credentials.found) {
    notes.push("The database credentials were read back from its .env: a re-provision keeps them.");
  } else if (options.hasFolder && options.hadDatabase) {
    notes.push(`No database credentials were restored (${options.credentials.why}).`);
  }
  return notes;
}
