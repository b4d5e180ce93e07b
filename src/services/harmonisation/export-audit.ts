// Who is exporting, for the audit trail. Through the API it is the signed-in user (the request's
// context); through the CLI it is the operator of the database (whoever holds its credentials), named
// by their operating-system account, with no Linkwork user id.
import type { Kysely } from 'kysely';
import { insertAuditEvents } from '../../db/audit/audit.repository.js';
import type { Database } from '../../db/database.js';
import { audit, type AuditTarget, type RequestContext } from '../audit/audit.service.js';

export type Exporter =
  | { readonly kind: 'user'; readonly ctx: RequestContext }
  | { readonly kind: 'operator'; readonly name: string; readonly runId: string };

/** Appends export events for whoever is exporting. */
export async function auditExport(
  db: Kysely<Database>,
  who: Exporter,
  targets: readonly AuditTarget[],
): Promise<void> {
  if (who.kind === 'user') {
    await audit(db, who.ctx, targets);
    return;
  }
  await insertAuditEvents(
    db,
    targets.map((t) => ({
      userId: null,
      username: `cli:${who.name}`,
      role: null,
      action: t.action,
      entity: t.entity,
      entityId: t.entityId,
      schemeId: t.schemeId,
      requestId: who.runId,
      ...(t.detail === undefined ? {} : { detail: t.detail }),
    })),
  );
}
