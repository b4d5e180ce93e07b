// Sessions (server-side, token stored hashed), the append-only audit trail, and the link between a
// person and the schemes that hold their record (which scopes who may see them).
import type { Kysely } from 'kysely';
import { runSteps } from './steps.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runSteps(db, [
    `CREATE TABLE app_session (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`,
    'CREATE INDEX app_session_user_idx ON app_session (user_id)',
    `CREATE TABLE audit_event (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      user_id uuid,
      username text,
      role text,
      action text NOT NULL CHECK (char_length(action) BETWEEN 1 AND 40),
      entity text NOT NULL CHECK (char_length(entity) BETWEEN 1 AND 40),
      entity_id text,
      scheme_id uuid,
      request_id text,
      detail jsonb
    )`,
    'CREATE INDEX audit_event_entity_idx ON audit_event (entity, entity_id)',
    'CREATE INDEX audit_event_user_idx ON audit_event (user_id, occurred_at)',
    // The audit trail is append-only: the database itself refuses UPDATE and DELETE.
    `CREATE FUNCTION audit_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = '42501';
     END $$`,
    `CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
     FOR EACH ROW EXECUTE FUNCTION audit_event_immutable()`,
    `CREATE TABLE person_scheme (
      person_id uuid NOT NULL REFERENCES person (id) ON DELETE CASCADE,
      scheme_id uuid NOT NULL REFERENCES scheme (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (person_id, scheme_id)
    )`,
    'CREATE INDEX person_scheme_scheme_idx ON person_scheme (scheme_id)',
    // Every person already referred is held by the schemes they were referred to.
    'INSERT INTO person_scheme (person_id, scheme_id) SELECT DISTINCT person_id, scheme_id FROM referral',
  ]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runSteps(db, [
    'DROP TABLE person_scheme',
    'DROP TRIGGER audit_event_no_change ON audit_event',
    'DROP TABLE audit_event',
    'DROP FUNCTION audit_event_immutable()',
    'DROP TABLE app_session',
  ]);
}
