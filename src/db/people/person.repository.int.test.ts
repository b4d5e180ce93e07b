// Before recording a person, one query says whether the scheme exists and who the person may already
// be. Recording a person held by a scheme is one statement: the person, the scheme link and the audit
// event commit together, and a refused write leaves none of them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonRecord } from '../../domain/people/person.js';
import { openTestDb, TEST_ENGINES, type TestDb } from '../testing/test-db.js';
import { findSchemeAndPossibleDuplicates, insertPersonHeldBy } from './person.repository.js';

const record = (over: Partial<PersonRecord> = {}): PersonRecord => ({
  nhsNumber: null,
  chiNumber: null,
  givenName: 'Ailsa',
  familyName: 'Testperson',
  dateOfBirth: '1958-02-03',
  sex: null,
  gender: null,
  ethnicity: null,
  postcode: null,
  deprivation: null,
  registeredPracticeId: null,
  phone: null,
  email: null,
  ...over,
});

const created = (id: string, schemeId: string) => [
  {
    userId: null,
    username: 'tester',
    role: 'link_worker',
    action: 'create',
    entity: 'person',
    entityId: id,
    schemeId,
    requestId: `req-${id}`,
  },
];

describe.each(TEST_ENGINES)('[%s] person repository', (engine) => {
  let db: TestDb;
  let schemeId: string;
  beforeAll(async () => {
    db = await openTestDb(engine);
    const region = await db.db
      .insertInto('organisation')
      .values({ name: 'Test region', kind: 'region', nation: 'scotland' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const scheme = await db.db
      .insertInto('scheme')
      .values({ name: 'Test scheme', region_id: region.id, nation: 'scotland', started_on: '2020-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow();
    schemeId = scheme.id;
  });
  afterAll(async () => {
    await db.close();
  });

  const written = async (id: string) => ({
    person: await db.db.selectFrom('person').select('id').where('id', '=', id).execute(),
    held: await db.db
      .selectFrom('person_scheme')
      .select(['person_id', 'scheme_id'])
      .where('person_id', '=', id)
      .execute(),
    events: await db.db
      .selectFrom('audit_event')
      .select(['entity', 'entity_id', 'action', 'scheme_id'])
      .where('request_id', '=', `req-${id}`)
      .execute(),
  });

  it('writes the person, the scheme link and the audit event together', async () => {
    const id = randomUUID();
    const row = await insertPersonHeldBy(
      db.db,
      { id, record: record({ nhsNumber: '9434765919' }) },
      schemeId,
      created(id, schemeId),
    );
    expect(row).toMatchObject({ id, given_name: 'Ailsa', nhs_number: '9434765919', version: 1 });
    expect(row.created_at).toBeInstanceOf(Date);
    expect(await written(id)).toEqual({
      person: [{ id }],
      held: [{ person_id: id, scheme_id: schemeId }],
      events: [{ entity: 'person', entity_id: id, action: 'create', scheme_id: schemeId }],
    });
  });

  it('leaves nothing when the person is refused (an NHS number already recorded)', async () => {
    const id = randomUUID();
    await expect(
      insertPersonHeldBy(
        db.db,
        { id, record: record({ nhsNumber: '9434765919' }) },
        schemeId,
        created(id, schemeId),
      ),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await written(id)).toEqual({ person: [], held: [], events: [] });
  });

  it('leaves nothing when the scheme does not exist', async () => {
    const id = randomUUID();
    const missing = randomUUID();
    await expect(
      insertPersonHeldBy(db.db, { id, record: record() }, missing, created(id, missing)),
    ).rejects.toMatchObject({ code: '23503' });
    expect(await written(id)).toEqual({ person: [], held: [], events: [] });
  });

  it('finds the scheme and the possible duplicates in one query', async () => {
    const id = randomUUID();
    await insertPersonHeldBy(
      db.db,
      { id, record: record({ familyName: "O'Duplicate", chiNumber: '0101011230' }) },
      schemeId,
      created(id, schemeId),
    );
    const probe = { nhsNumber: null, chiNumber: null, familyName: "o'duplicate", dateOfBirth: '1958-02-03' };
    expect(await findSchemeAndPossibleDuplicates(db.db, schemeId, probe)).toEqual({
      schemeExists: true,
      candidates: [
        {
          id,
          nhs_number: null,
          chi_number: '0101011230',
          given_name: 'Ailsa',
          family_name: "O'Duplicate",
          date_of_birth: '1958-02-03',
        },
      ],
    });
    const byChi = await findSchemeAndPossibleDuplicates(db.db, schemeId, {
      ...probe,
      familyName: 'Someone Else',
      chiNumber: '0101011230',
    });
    expect(byChi.candidates.map((c) => c.id)).toEqual([id]);
    expect(
      await findSchemeAndPossibleDuplicates(db.db, schemeId, { ...probe, dateOfBirth: '1958-02-04' }),
    ).toEqual({ schemeExists: true, candidates: [] });
    expect(await findSchemeAndPossibleDuplicates(db.db, randomUUID(), probe)).toMatchObject({
      schemeExists: false,
    });
  });
});
