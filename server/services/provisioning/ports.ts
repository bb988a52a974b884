import "server-only";
import { randomInt } from "node:crypto";
import net from "node:net";
import type { PrismaClient } from "../../db/client";
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

/** Random candidates tried per missing purpose in one statement. */
const CANDIDATES_PER_PURPOSE = 16;

/**
 * Gives the project one host port per purpose. Ports it already holds for a purpose it still needs
 * are kept; ports for purposes it no longer needs are released. New ports are taken by inserting
 * them: the primary key on PortAllocation.port makes a port impossible to hand out twice, even to two
 * requests racing each other, and the unique (projectId, purpose) keeps one port per purpose. A round
 * is one statement: release, try random candidates for every missing purpose, read what is held.
 * A new port something on this host already listens on is given back and another one is tried;
 * without `bindCheck` (port-bind-check.ts) that test is skipped.
 */
export async function assignPorts(options: {
  db: PrismaClient;
  projectId: string;
  purposes: PortPurpose[];
  range: PortRange;
  bindCheck?: boolean;
}): Promise<PortAssignment> {
  const { db, projectId, purposes, range, bindCheck = true } = options;
  const busyOnHost = new Set<number>();
  let scanRange = false;
  let missing = purposes;
  for (;;) {
    const assignment = await holdPorts({ db, projectId, purposes, missing, range, busyOnHost, scanRange });
    const busy = await Promise.all(
      assignment.added.map(async (row) => (!bindCheck || (await isPortFreeOnHost(row.port)) ? null : row)),
    );
    for (const row of busy) {
      if (!row) continue;
      busyOnHost.add(row.port);
      await db.portAllocation.delete({ where: { port: row.port } });
      delete assignment.ports[row.purpose];
    }
    missing = purposes.filter((purpose) => assignment.ports[purpose] === undefined);
    if (missing.length === 0) return assignment.ports;
    if (assignment.added.length === 0) {
      // Random candidates found nothing: the range is nearly full, so its free ports are listed.
      if (scanRange && assignment.candidates === 0) {
        throw new AppError(
          "PORT_RANGE_EXHAUSTED",
          `No free host port is left in ${range.start}-${range.end}. Widen PROVISION_PORT_RANGE_START/END, or archive projects you no longer need (archiving gives their ports back).`,
        );
      }
      scanRange = true;
    }
  }
}

type HeldPorts = {
  ports: PortAssignment;
  added: { port: number; purpose: PortPurpose }[];
  candidates: number;
};

/**
 * One round: releases ports of purposes the project no longer needs, inserts candidates for the
 * purposes still missing (spread over them in turn; a row for a purpose held meanwhile conflicts and
 * is skipped) and returns every port the project now holds.
 */
async function holdPorts(options: {
  db: PrismaClient;
  projectId: string;
  purposes: PortPurpose[];
  missing: PortPurpose[];
  range: PortRange;
  busyOnHost: Set<number>;
  scanRange: boolean;
}): Promise<HeldPorts> {
  const { db, projectId, purposes, missing, range, busyOnHost } = options;
  const count = missing.length * CANDIDATES_PER_PURPOSE;
  const candidates = options.scanRange
    ? await freePortsInOrder(db, range, busyOnHost, count)
    : randomPorts(range, busyOnHost, count);
  const candidatePurposes = candidates.map((_, index) => missing[index % missing.length]!);
  const rows = await db.$queryRaw<{ port: number; purpose: PortPurpose; added: boolean }[]>`
    WITH released AS (
      DELETE FROM "PortAllocation"
      WHERE "projectId" = ${projectId}::uuid AND NOT (purpose::text = ANY(${purposes}::text[]))
    ), added AS (
      INSERT INTO "PortAllocation" (port, "projectId", purpose)
      SELECT candidate.port, ${projectId}::uuid, candidate.purpose::"PortPurpose"
      FROM unnest(${candidates}::int[], ${candidatePurposes}::text[]) WITH ORDINALITY
        AS candidate(port, purpose, position)
      ORDER BY candidate.position
      ON CONFLICT DO NOTHING
      RETURNING port, purpose
    )
    SELECT port, purpose::text AS purpose, false AS added FROM "PortAllocation"
    WHERE "projectId" = ${projectId}::uuid AND purpose::text = ANY(${purposes}::text[])
    UNION ALL
    SELECT port, purpose::text, true FROM added`;
  const ports: PortAssignment = {};
  for (const row of rows) ports[row.purpose] = Number(row.port);
  return {
    ports,
    added: rows.filter((row) => row.added).map((row) => ({ port: Number(row.port), purpose: row.purpose })),
    candidates: candidates.length,
  };
}

/**
 * Random ports of the range: requests running at the same time then rarely reach for the same port,
 * where lowest-first would make every one of them collide on it.
 */
function randomPorts(range: PortRange, exclude: Set<number>, count: number): number[] {
  const size = range.end - range.start + 1;
  const sample = new Set<number>();
  for (let tries = 0; sample.size < Math.min(count, size) && tries < count * 4; tries++) {
    const port = range.start + randomInt(size);
    if (!exclude.has(port)) sample.add(port);
  }
  return [...sample];
}

/** The lowest ports of the range that no project holds (for a nearly full range). */
async function freePortsInOrder(
  db: PrismaClient,
  range: PortRange,
  exclude: Set<number>,
  count: number,
): Promise<number[]> {
  const rows = await db.$queryRaw<{ port: number }[]>`
    SELECT candidate AS port
    FROM generate_series(${range.start}::int, ${range.end}::int) AS candidate
    WHERE NOT EXISTS (SELECT 1 FROM "PortAllocation" WHERE port = candidate)
      AND candidate <> ALL(${[...exclude]}::int[])
    ORDER BY candidate
    LIMIT ${count}`;
  return rows.map((row) => Number(row.port));
}
