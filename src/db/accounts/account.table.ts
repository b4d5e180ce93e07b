import type { Generated, GeneratedTimestamp, Timestamp } from '../columns.js';

export interface StaffTable {
  id: Generated<string>;
  scheme_id: string;
  display_name: string;
  role: string;
  employer_org_id: string | null;
  active: Generated<boolean>;
  synthetic: Generated<boolean>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export type UserRole = 'link_worker' | 'scheme_manager' | 'regional_lead' | 'researcher' | 'admin';

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  role: UserRole;
  password_hash: string | null;
  staff_id: string | null;
  region_id: string | null;
  active: Generated<boolean>;
  failed_login_count: Generated<number>;
  locked_until: Timestamp | null;
  password_changed_at: Timestamp | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
  version: Generated<number>;
}

export interface UserSchemeTable {
  user_id: string;
  scheme_id: string;
}

export interface AppSessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: GeneratedTimestamp;
  last_seen_at: GeneratedTimestamp;
  expires_at: Timestamp;
}
