import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDb, TEST_ENGINES, type TestDb } from '../../db/testing/test-db.js';
import { generateDemo, loadDemo, type DemoOptions } from './demo.service.js';

const OPTIONS: DemoOptions = { scale: 1500, seed: 42, today: '2025-12-31', chunkSize: 400 };

describe.each(TEST_ENGINES)('[%s] demo data set', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine);
    await loadDemo(db, OPTIONS);
  });
  afterAll(async () => {
    await db.close();
  });

  it('loads exactly `scale` referrals, all flagged synthetic', async () => {
    const row = await sql<{ n: number; synthetic: number }>`
      SELECT count(*) AS n, count(*) FILTER (WHERE synthetic) AS synthetic FROM referral`.execute(db.db);
    expect(row.rows[0]).toEqual({ n: 1500, synthetic: 1500 });
    const people = await sql<{ n: number }>`SELECT count(*) AS n FROM person WHERE NOT synthetic`.execute(
      db.db,
    );
    expect(people.rows[0]?.n).toBe(0);
  });

  it('leaves planner statistics behind (PGlite has no autovacuum to gather them)', async () => {
    const rows = await sql<{ relname: string; reltuples: number }>`
      SELECT relname, reltuples FROM pg_class WHERE relname IN ('referral', 'person') ORDER BY relname`.execute(
      db.db,
    );
    expect(rows.rows.map((r) => r.relname)).toEqual(['person', 'referral']);
    // ANALYZE estimates from a sample; unanalysed tables show -1 (never analysed) or 0.
    for (const r of rows.rows) expect(r.reltuples).toBeGreaterThan(500);
  });

  it('reproduces the study per-region PCN/HSCP counts per delivery model', async () => {
    const rows = await sql<{ region: string; model: string; areas: number }>`
      SELECT r.name AS region, v.delivery_model AS model, count(DISTINCT c.org_id) AS areas
      FROM scheme_version v
      JOIN scheme s ON s.id = v.scheme_id
      JOIN organisation r ON r.id = s.region_id
      JOIN scheme_version_coverage c ON c.scheme_version_id = v.id
      WHERE v.valid_to IS NULL
      GROUP BY r.name, v.delivery_model ORDER BY 1, 2`.execute(db.db);
    const table = Object.fromEntries(rows.rows.map((r) => [`${r.region} M${r.model}`, r.areas]));
    expect(table).toEqual({
      'Greater Glasgow and Clyde M3': 6,
      'Greater Manchester M1': 6,
      'Greater Manchester M2': 18,
      'Greater Manchester M3': 40,
      'Lothian M3': 3,
      'Lothian M4': 1,
      'North East and North Cumbria M1': 5,
      'North East and North Cumbria M2': 2,
      'North East and North Cumbria M3': 34,
      'West of England M1': 8,
      'West of England M3': 24,
      'West of England M4': 2,
    });
  });

  it('respects stated policies: Lothian takes no self-referrals and only adults', async () => {
    const rows = await sql<{ self: number; children: number }>`
      SELECT count(*) FILTER (WHERE f.route = 'self_referral') AS self,
             count(*) FILTER (WHERE p.date_of_birth > (f.referred_at::date - interval '16 years')) AS children
      FROM referral f JOIN person p ON p.id = f.person_id JOIN scheme s ON s.id = f.scheme_id
      JOIN organisation r ON r.id = s.region_id WHERE r.name = 'Lothian'`.execute(db.db);
    expect(rows.rows[0]).toEqual({ self: 0, children: 0 });
  });

  it('keeps every contact on or after its referral and every score with its rules version', async () => {
    const bad = await sql<{ n: number }>`
      SELECT count(*) AS n FROM contact c JOIN referral r ON r.id = c.referral_id WHERE c.contact_at < r.referred_at`.execute(
      db.db,
    );
    expect(bad.rows[0]?.n).toBe(0);
    const unversioned = await sql<{ n: number }>`
      SELECT count(*) AS n FROM questionnaire_response WHERE rules_version IS NULL`.execute(db.db);
    expect(unversioned.rows[0]?.n).toBe(0);
  });

  it('has realistic imperfections: missing ethnicity and missing follow-ups', async () => {
    const r = await sql<{ missing: number; total: number }>`
      SELECT count(*) FILTER (WHERE ethnicity_code IS NULL) AS missing, count(*) AS total FROM person`.execute(
      db.db,
    );
    const { missing, total } = r.rows[0] ?? { missing: 0, total: 1 };
    expect(missing / total).toBeGreaterThan(0.1);
    expect(missing / total).toBeLessThan(0.35);
    const q = await sql<{ baseline: number; follow: number }>`
      SELECT count(*) FILTER (WHERE timepoint = 'baseline') AS baseline,
             count(*) FILTER (WHERE timepoint <> 'baseline') AS follow FROM questionnaire_response`.execute(
      db.db,
    );
    expect(q.rows[0]?.follow).toBeLessThan(q.rows[0]?.baseline ?? 0);
  });

  it('refuses to load into a database that already holds data', async () => {
    await expect(loadDemo(db, OPTIONS)).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe.each(TEST_ENGINES)('[%s] failed bulk load', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => {
    await db.close();
  });

  it('leaves no partial data when a table fails mid-load', async () => {
    // Remove a code the generator uses, so the contact COPY of a later chunk fails on its foreign key.
    await sql`DELETE FROM ref_contact_mode WHERE code = 'group'`.execute(db.db);
    await expect(loadDemo(db, { ...OPTIONS, scale: 800 })).rejects.toThrow(/foreign key/);
    const counts = await sql<{ n: number }>`
      SELECT (SELECT count(*) FROM organisation) + (SELECT count(*) FROM person) + (SELECT count(*) FROM referral) AS n`.execute(
      db.db,
    );
    expect(counts.rows[0]?.n).toBe(0);
  });
});

describe('demo generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const digest = (seed: number): string =>
      [...generateDemo({ ...OPTIONS, scale: 200, seed })]
        .flatMap((c) =>
          c.batches.map((b) => `${b.table}:${b.rows.length}:${b.rows[b.rows.length - 1] ?? ''}`),
        )
        .join('|');
    expect(digest(1)).toBe(digest(1));
    expect(digest(1)).not.toBe(digest(2));
  });
});
