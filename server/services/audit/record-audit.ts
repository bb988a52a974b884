import "server-only";
import type { PrismaClient } from "../../db/client";
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

const ADDRESS_MAX = 64;

/** Writes one audit entry. Callers await it, so an action that must be recorded is recorded first. */
export async function recordAudit(db: PrismaClient, event: AuditEvent): Promise<void> {
  await db.auditEntry.create({ data: auditEntryData(event) });
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
