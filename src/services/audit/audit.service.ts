// Who is acting, for the audit trail. Every read and write of personal data appends an event; for
// writes the event goes in the same transaction as the write.
import type { Kysely } from 'kysely';
import type { Actor } from '../../domain/access/policy.js';
import type { Database } from '../../db/database.js';
import {
  insertAuditEvents,
  listAuditEvents,
  type AuditEventRow,
  type NewAuditEvent,
  type AuditFilter,
} from '../../db/audit/audit.repository.js';

export interface RequestContext {
  readonly actor: Actor;
  readonly username: string;
  readonly requestId: string;
  readonly now: Date;
}

export type AuditAction = 'read' | 'list' | 'search' | 'create' | 'update' | 'status' | 'export';

export interface AuditTarget {
  readonly action: AuditAction;
  readonly entity: string;
  readonly entityId: string | null;
  readonly schemeId: string | null;
  readonly detail?: Record<string, unknown>;
}

const READS: ReadonlySet<AuditAction> = new Set(['read', 'list', 'search', 'export']);

/**
 * Appends one event per target for the acting user, in one statement. Inside a transaction (writes)
 * the events commit or roll back with the write. Read events outside a transaction commit on their
 * own with `synchronous_commit = off`: PostgreSQL does not wait for the WAL flush, so reads stay
 * fast; a crash can lose at most the last fraction of a second of read events, never reorder them.
 */
export async function audit(
  db: Kysely<Database>,
  ctx: RequestContext,
  targets: readonly AuditTarget[],
): Promise<void> {
  if (targets.length === 0) return;
  const readsOnly = targets.every((t) => READS.has(t.action));
  await insertAuditEvents(db, auditEvents(ctx, targets), { asyncCommit: readsOnly && !db.isTransaction });
}

/** The events `targets` make for the acting user (for a write done in one statement with its audit). */
export function auditEvents(ctx: RequestContext, targets: readonly AuditTarget[]): NewAuditEvent[] {
  return targets.map((t) => ({
    userId: ctx.actor.userId,
    username: ctx.username,
    role: ctx.actor.role,
    action: t.action,
    entity: t.entity,
    entityId: t.entityId,
    schemeId: t.schemeId,
    requestId: ctx.requestId,
    ...(t.detail === undefined ? {} : { detail: t.detail }),
  }));
}

/** An event not tied to a signed-in user (sign-in attempts). */
export function auditAnonymous(
  db: Kysely<Database>,
  e: {
    action: string;
    username: string;
    userId: string | null;
    role: string | null;
    requestId: string;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  return insertAuditEvents(db, [
    {
      userId: e.userId,
      username: e.username,
      role: e.role,
      action: e.action,
      entity: 'session',
      entityId: null,
      schemeId: null,
      requestId: e.requestId,
      ...(e.detail === undefined ? {} : { detail: e.detail }),
    },
  ]);
}

export interface AuditEvent {
  readonly id: number;
  readonly occurredAt: Date;
  readonly userId: string | null;
  readonly username: string | null;
  readonly role: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string | null;
  readonly schemeId: string | null;
  readonly requestId: string | null;
}

export async function queryAudit(
  db: Kysely<Database>,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ items: AuditEvent[]; total: number }> {
  const { rows, total } = await listAuditEvents(db, filter, page);
  return { items: rows.map(toAuditEvent), total };
}

function toAuditEvent(r: AuditEventRow): AuditEvent {
  return {
    id: r.id,
    occurredAt: r.occurred_at,
    userId: r.user_id,
    username: r.username,
    role: r.role,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    schemeId: r.scheme_id,
    requestId: r.request_id,
  };
}
