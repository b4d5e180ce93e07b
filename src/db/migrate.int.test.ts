import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { currentMigration, migrateDownAll, migrateToLatest, MIGRATION_NAMES } from './migrate.js';
import { openBlankTestDb, TEST_ENGINES, type TestDb } from './testing/test-db.js';

describe.each(TEST_ENGINES)('[%s] migrations', (engine) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await openBlankTestDb(engine);
  });
  afterAll(async () => {
    await handle.close();
  });

  const userTables = async (): Promise<string[]> => {
    const result = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_%' ORDER BY table_name`.execute(
      handle.db,
    );
    return result.rows.map((r) => r.table_name);
  };

  it('runs every migration up, down and up again', async () => {
    const up = await migrateToLatest(handle.db);
    expect(up.error).toBeUndefined();
    expect(up.results?.map((r) => r.migrationName)).toEqual(MIGRATION_NAMES);
    expect(await currentMigration(handle.db)).toBe(MIGRATION_NAMES.at(-1));
    const tables = await userTables();
    expect(tables).toContain('referral');
    expect(tables).toContain('ref_ethnicity');

    const down = await migrateDownAll(handle.db);
    expect(down.error).toBeUndefined();
    expect(down.results?.every((r) => r.status === 'Success')).toBe(true);
    expect(await userTables()).toEqual([]);
    expect(await currentMigration(handle.db)).toBeNull();

    const again = await migrateToLatest(handle.db);
    expect(again.error).toBeUndefined();
    expect(await userTables()).toEqual(tables);
  });

  it('is a no-op when already at the latest migration', async () => {
    const result = await migrateToLatest(handle.db);
    expect(result.error).toBeUndefined();
    expect(result.results).toEqual([]);
  });
});
