import "server-only";
import type { PrismaClient } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { auditActionLabel, type AuditFilter } from "../../shared/audit";

const DAY_MS = 24 * 60 * 60 * 1000;

/** One entry as the pages and the CSV show it. */
export type AuditEntryView = {
  id: string;
  at: Date;
  action: string;
  actionLabel: string;
  actorEmail: string | null;
  projectSlug: string | null;
  targetEmail: string | null;
  detail: Record<string, unknown>;
  clientAddress: string | null;
};

const SELECT = {
  id: true,
  at: true,
  action: true,
  actorEmail: true,
  projectSlug: true,
  targetEmail: true,
  detail: true,
  clientAddress: true,
} as const;

/** The filters as a Prisma condition. `to` is inclusive: the whole day counts. */
export function auditWhere(filter: AuditFilter & { projectId?: string }): Prisma.AuditEntryWhereInput {
  const at: Prisma.DateTimeFilter = {};
  if (filter.from) at.gte = new Date(`${filter.from}T00:00:00.000Z`);
  if (filter.to) at.lt = new Date(new Date(`${filter.to}T00:00:00.000Z`).getTime() + DAY_MS);
  const email = filter.email ? { contains: filter.email, mode: "insensitive" as const } : undefined;
  return {
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.project ? { projectSlug: filter.project } : {}),
    ...(filter.projectId ? { projectId: filter.projectId } : {}),
    ...(email ? { OR: [{ actorEmail: email }, { targetEmail: email }] } : {}),
    ...(filter.from || filter.to ? { at } : {}),
  };
}

function toView(row: Prisma.AuditEntryGetPayload<{ select: typeof SELECT }>): AuditEntryView {
  return {
    ...row,
    actionLabel: auditActionLabel(row.action),
    detail: (row.detail ?? {}) as Record<string, unknown>,
  };
}

/** The newest entries matching `filter` (at most `limit`) and how many match in all. */
export async function listAudit(options: {
  db: PrismaClient;
  filter: AuditFilter & { projectId?: string };
  limit: number;
}): Promise<{ entries: AuditEntryView[]; total: number }> {
  const where = auditWhere(options.filter);
  const [rows, total] = await Promise.all([
    options.db.auditEntry.findMany({
      where,
      select: SELECT,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: options.limit,
    }),
    options.db.auditEntry.count({ where }),
  ]);
  return { entries: rows.map(toView), total };
}

/**
 * Every entry matching `filter`, newest first, read in batches so that an export of a long log
 * never holds it all in memory.
 */
export async function* auditEntriesInBatches(options: {
  db: PrismaClient;
  filter: AuditFilter;
  batchSize?: number;
}): AsyncGenerator<AuditEntryView[]> {
  const batchSize = options.batchSize ?? 500;
  const where = auditWhere(options.filter);
  let cursor: string | undefined;
  for (;;) {
    const rows = await options.db.auditEntry.findMany({
      where,
      select: SELECT,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: batchSize,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (rows.length > 0) yield rows.map(toView);
    if (rows.length < batchSize) return;
    cursor = rows[rows.length - 1]!.id;
  }
}
