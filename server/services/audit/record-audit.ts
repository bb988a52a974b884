import "server-only";
import type { PrismaClient, Transaction } from "../../db/client";
import { clientAddress } from "../../security/client-address";
import type { AuditAction } from "../../shared/audit";

/** Who did it: a signed-in user, or for a failed sign-in only the email that was tried. */
export type AuditActor = { id: string; email: string } | { id: null; email: string | null };

/**
 * What an entry may say besides who, what and where. Only names, slugs, roles and statuses: the
 * type leaves no room for a password, a token or a connection URL, and nothing else is stored.
 */
export type AuditDetail = Record<string, string | number | boolean | null>;

export type AuditEvent = {
  action: AuditAction;
  actor: AuditActor;
  project?: { id: string; slug: string } | null;
  targetEmail?: string | null;
  detail?: AuditDetail;
  /** The request's headers: the launcher puts the client's address there (server/security). */
  headers?: Headers | null;
};

/**
 * Who asks for an audited action and from where: every audited service requires it, so that a
 * procedure cannot act without its entry. The entry is written in the action's own transaction.
 */
export type AuditRequest = { actor: AuditActor; headers: Headers | null };

/** An audit request by a signed-in user: the actions that also store who made something. */
export type SignedInAuditRequest = { actor: { id: string; email: string }; headers: Headers | null };

/** The same for the link procedures (setup, invite, reset): the account the link opens is the actor. */
export type AuditOrigin = { headers: Headers | null };

const ADDRESS_MAX = 64;

/**
 * Writes one audit entry on its own: for events that are not an action with a transaction of their
 * own (sign-in attempts, seen by Better Auth's hooks; a wrong current password).
 */
export async function recordAudit(db: PrismaClient, event: AuditEvent): Promise<void> {
  await db.auditEntry.create({ data: auditEntryData(event) });
}

/**
 * Writes one audit entry inside the action's transaction: if the entry cannot be written, the action
 * is rolled back with it, and an action that committed always has its entry.
 */
export async function writeAuditEntry(tx: Transaction, event: AuditEvent): Promise<void> {
  await tx.auditEntry.create({ data: auditEntryData(event) });
}

/** The row of one entry, for callers that write it in the same transaction as the action. */
export function auditEntryData(event: AuditEvent) {
  const address = event.headers ? clientAddress(event.headers) : null;
  return {
    action: event.action,
    actorId: event.actor.id,
    actorEmail: event.actor.email?.slice(0, 320) ?? null,
    projectId: event.project?.id ?? null,
    projectSlug: event.project?.slug ?? null,
    targetEmail: event.targetEmail ?? null,
    detail: event.detail ?? {},
    clientAddress: address ? address.slice(0, ADDRESS_MAX) : null,
  };
}
