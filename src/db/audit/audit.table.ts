import type { Generated, GeneratedTimestamp, Json } from '../columns.js';

export interface AuditEventTable {
  id: Generated<number>;
  occurred_at: GeneratedTimestamp;
  user_id: string | null;
  username: string | null;
  role: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  scheme_id: string | null;
  request_id: string | null;
  detail: Json<Record<string, unknown>> | null;
}
