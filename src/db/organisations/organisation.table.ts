import type { Generated, GeneratedTimestamp } from '../columns.js';

export interface OrganisationTable {
  id: Generated<string>;
  kind: string;
  name: string;
  ods_code: string | null;
  parent_id: string | null;
  nation: string;
  synthetic: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}
