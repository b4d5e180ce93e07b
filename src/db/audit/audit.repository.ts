import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../database.js';
import type { AuditEventTable } from './audit.table.js';

export type AuditEventRow = Selectable<AuditEventTable>;

export interface NewAuditEvent {
  readonly userId: string | null;
  readonly username: string | null;
  readonly role: string | null;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string | null;
  readonly schemeId: string | null;
  readonly requestId: string | null;
  readonly detail?: Record<string, unknown>;
}

/** Appends audit events (the table refuses updates and deletes). Run inside the write's transaction. */
export async function insertAuditEvents(
  db: Kysely<Database>,
  events: readonly NewAuditEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('audit_event')
    .values(
      events.map((e) => ({
        user_id: e.userId,
        username: e.username,
        role: e.role,
        action: e.action,
        entity: e.entity,
        entity_id: e.entityId,
        scheme_id: e.schemeId,
        request_id: e.requestId,
        detail: e.detail === undefined ? null : JSON.stringify(e.detail),
      })),
    )
    .execute();
}

export interface AuditFilter {
  readonly userId?: string | undefined;
  readonly entity?: string | undefined;
  readonly entityId?: string | undefined;
  readonly action?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
}

export async function listAuditEvents(
  db: Kysely<Database>,
  f: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: AuditEventRow[]; total: number }> {
  let q = db.selectFrom('audit_event');
  if (f.userId !== undefined) q = q.where('user_id', '=', f.userId);
  if (f.entity !== undefined) q = q.where('entity', '=', f.entity);
  if (f.entityId !== undefined) q = q.where('entity_id', '=', f.entityId);
  if (f.action !== undefined) q = q.where('action', '=', f.action);
  if (f.from !== undefined) q = q.where('occurred_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('occurred_at', '<', f.to);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}
