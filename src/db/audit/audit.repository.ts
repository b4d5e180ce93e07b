import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
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

/**
 * Appends audit events (the table refuses updates and deletes) in one statement however many there
 * are: the events travel as one JSON parameter (`json_to_recordset`), not as nine parameters a row.
 * Inside a transaction the events commit or roll back with the write.
 *
 * `asyncCommit` (read events only, never inside a transaction) makes this statement's own implicit
 * transaction commit with `synchronous_commit = off` (set by `set_config(..., true)`, which lasts
 * until that commit): PostgreSQL does not wait for the WAL flush. It is refused inside a
 * transaction, where it would make the write's commit asynchronous too.
 */
export async function insertAuditEvents(
  db: Kysely<Database>,
  events: readonly NewAuditEvent[],
  opts: { readonly asyncCommit?: boolean } = {},
): Promise<void> {
  if (events.length === 0) return;
  if (opts.asyncCommit === true && db.isTransaction) {
    throw new Error('insertAuditEvents: asyncCommit is for read events outside a transaction');
  }
  const insert = auditEventsInsert(events);
  await (
    opts.asyncCommit === true
      ? sql`WITH cfg AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))
          ${insert} CROSS JOIN cfg`
      : insert
  ).execute(db);
}

/**
 * The INSERT that appends `events` (at least one), for a write that is one statement: used as a
 * data-modifying `WITH` part beside the write, it commits or fails with it (a statement is a
 * transaction of its own).
 */
export function auditEventsInsert(events: readonly NewAuditEvent[]): RawBuilder<Record<string, never>> {
  const rows = JSON.stringify(
    events.map((e) => ({
      user_id: e.userId,
      username: e.username,
      role: e.role,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId,
      scheme_id: e.schemeId,
      request_id: e.requestId,
      detail: e.detail ?? null,
    })),
  );
  return sql`INSERT INTO audit_event
    (user_id, username, role, action, entity, entity_id, scheme_id, request_id, detail)
    SELECT e.user_id, e.username, e.role, e.action, e.entity, e.entity_id, e.scheme_id, e.request_id, e.detail
    FROM json_to_recordset(${rows}::json) AS e(user_id uuid, username text, role text, action text,
      entity text, entity_id text, scheme_id uuid, request_id text, detail jsonb)`;
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
