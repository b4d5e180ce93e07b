// The frequency-table percentiles the reports use (evaluation.repository.ts `percentilesFrom`)
// equal PostgreSQL's percentile_cont over the same whole numbers, value for value, on each engine.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, TEST_ENGINES, type TestDb } from '../testing/test-db.js';
import { percentilesFrom } from './evaluation.repository.js';

const PS = [0.5, 0.9, 0.1, 0.25, 0.75, 0, 1] as const;

describe.each(TEST_ENGINES)('[%s] percentiles from a frequency table', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => {
    await db.close();
  });

  it('match percentile_cont over the values themselves, in every group', async () => {
    const groups = fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 60 }), {
      minLength: 1,
      maxLength: 4,
    });
    await fc.assert(
      fc.asyncProperty(groups, async (values) => {
        const rows = values.flatMap((vs, g) => vs.map((v) => sql`(${`g${g}`}::text, ${v}::int)`));
        const result = await sql<{ g1: string; expected: number[]; got: number[] }>`
          WITH data (g1, v) AS (VALUES ${sql.join(rows)}),
          freq AS (SELECT 0 AS gs, g1, NULL::text AS g2, v, count(*) AS n FROM data GROUP BY g1, v),
          ${percentilesFrom('p', 'freq', PS)},
          expected AS (
            SELECT g1, ARRAY[${sql.join(PS.map((q) => sql`percentile_cont(${q}::float8) WITHIN GROUP (ORDER BY v)`))}] AS expected
            FROM data GROUP BY g1
          )
          SELECT e.g1, e.expected, ARRAY[${sql.join(PS.map((_, i) => sql.raw(`p.p${i}`)))}] AS got
          FROM expected e JOIN p ON p.g1 = e.g1 ORDER BY e.g1`.execute(db.db);
        expect(result.rows).toHaveLength(values.length);
        for (const row of result.rows) expect(row.got).toEqual(row.expected);
      }),
      { numRuns: 60 },
    );
  });
});
