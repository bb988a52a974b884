import "server-only";
import { randomInt } from "node:crypto";
import net from "node:net";
import type { PrismaClient } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors/app-error";
import type { PortAssignment, PortPurpose } from "../../../provisioning/plan/project-plan";

export type PortRange = { start: number; end: number };

/** True when nothing on this host listens on 127.0.0.1:port (a bind attempt is the honest test). */
export function isPortFreeOnHost(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

const CANDIDATES_PER_QUERY = 64;

/**
 * Gives the project one host port per purpose. Ports it already holds for a purpose it still needs
 * are kept; ports for purposes it no longer needs are released. A new port is taken by inserting it:
 * the primary key on PortAllocation.port makes a port impossible to hand out twice, even to two
 * requests racing each other. Ports something on this host already listens on are skipped.
 */
export async function assignPorts(options: {
  db: PrismaClient;
  projectId: string;
  purposes: PortPurpose[];
  range: PortRange;
}): Promise<PortAssignment> {
  const { db, projectId, purposes, range } = options;
  await db.portAllocation.deleteMany({ where: { projectId, purpose: { notIn: purposes } } });
  const held = await db.portAllocation.findMany({
    where: { projectId },
    select: { purpose: true, port: true },
  });
  const assignment: PortAssignment = Object.fromEntries(held.map((row) => [row.purpose, row.port]));

  const skipped = new Set<number>(); // busy on this host during this call
  for (const purpose of purposes) {
    while (assignment[purpose] === undefined) {
      const candidates = await freePortCandidates(db, range, skipped);
      if (candidates.length === 0) {
        throw new AppError(
          "PORT_RANGE_EXHAUSTED",
          `No free host port is left in ${range.start}-${range.end}. Widen PROVISION_PORT_RANGE_START/END or delete old projects.`,
        );
      }
      for (const port of candidates) {
        if (!(await isPortFreeOnHost(port))) {
          skipped.add(port);
          continue;
        }
        try {
          await db.portAllocation.create({ data: { port, projectId, purpose } });
          assignment[purpose] = port;
          break;
        } catch (error) {
          // Someone else took it between our look and our insert: try the next one.
          if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
            if (await holdsPurpose(db, projectId, purpose, assignment)) break;
            continue;
          }
          throw error;
        }
      }
    }
  }
  return assignment;
}

/** The (projectId, purpose) unique key can also be what failed, when the same project races itself. */
async function holdsPurpose(
  db: PrismaClient,
  projectId: string,
  purpose: PortPurpose,
  assignment: PortAssignment,
) {
  const row = await db.portAllocation.findUnique({ where: { projectId_purpose: { projectId, purpose } } });
  if (row) assignment[purpose] = row.port;
  return Boolean(row);
}

/**
 * Free ports of the range (held by no project, not found busy) in random order: requests running at
 * the same time then rarely reach for the same port, where lowest-first would make every one of them
 * collide on it. A random sample answers in one indexed lookup; only a nearly full range falls back
 * to scanning the range in order.
 */
async function freePortCandidates(
  db: PrismaClient,
  range: PortRange,
  skipped: Set<number>,
): Promise<number[]> {
  const size = range.end - range.start + 1;
  const sample = new Set<number>();
  while (sample.size < Math.min(CANDIDATES_PER_QUERY, size)) sample.add(range.start + randomInt(size));
  const taken = await db.portAllocation.findMany({
    where: { port: { in: [...sample] } },
    select: { port: true },
  });
  const takenPorts = new Set(taken.map((row) => row.port));
  const free = [...sample].filter((port) => !takenPorts.has(port) && !skipped.has(port));
  if (free.length > 0) return free;

  const rows = await db.$queryRaw<{ port: number }[]>`
    SELECT candidate AS port
    FROM generate_series(${range.start}::int, ${range.end}::int) AS candidate
    WHERE NOT EXISTS (SELECT 1 FROM "PortAllocation" WHERE port = candidate)
      AND candidate <> ALL(${[...skipped]}::int[])
    ORDER BY candidate
    LIMIT ${CANDIDATES_PER_QUERY}`;
  return rows.map((row) => Number(row.port));
}
