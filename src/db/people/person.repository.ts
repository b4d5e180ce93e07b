import { sql, type Kysely, type Selectable } from 'kysely';
import type { PersonRecord } from '../../domain/people/person.js';
import { auditEventsInsert, type NewAuditEvent } from '../audit/audit.repository.js';
import type { Database } from '../database.js';
import { provenanceColumns, type Provenance } from '../provenance.js';
import type { PersonTable } from './person.table.js';

export type PersonRow = Selectable<PersonTable>;

/** The person columns a validated record sets (shared by insert and update). */
function personColumns(p: PersonRecord) {
  return {
    nhs_number: p.nhsNumber,
    chi_number: p.chiNumber,
    given_name: p.givenName,
    family_name: p.familyName,
    date_of_birth: p.dateOfBirth,
    sex: p.sex,
    gender: p.gender,
    ethnicity_nation: p.ethnicity?.nation ?? null,
    ethnicity_code: p.ethnicity?.code ?? null,
    postcode: p.postcode,
    deprivation_index: p.deprivation?.index ?? null,
    deprivation_decile: p.deprivation?.decile ?? null,
    registered_practice_id: p.registeredPracticeId,
    phone: p.phone,
    email: p.email,
  };
}

/** Inserts a validated person and returns the stored row. */
export function insertPerson(
  db: Kysely<Database>,
  p: PersonRecord,
  prov: Provenance = {},
): Promise<PersonRow> {
  return db
    .insertInto('person')
    .values({ ...personColumns(p), ...provenanceColumns(prov) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Records a validated person held by a scheme, with the audit events of that write, in one statement:
 * a statement is a transaction of its own, so the person, the scheme link and the events commit
 * together or not at all, in one round trip instead of BEGIN, three INSERTs and COMMIT. The caller
 * chooses the id (the events name it).
 */
export function insertPersonHeldBy(
  db: Kysely<Database>,
  person: { readonly id: string; readonly record: PersonRecord },
  schemeId: string,
  events: readonly NewAuditEvent[],
): Promise<PersonRow> {
  return (
    db
      .with('p', (qc) =>
        qc
          .insertInto('person')
          .values({ id: person.id, ...personColumns(person.record) })
          .returningAll(),
      )
      .with('held', (qc) =>
        qc
          .insertInto('person_scheme')
          .columns(['person_id', 'scheme_id'])
          .expression((eb) =>
            eb.selectFrom('p').select(['p.id', sql<string>`${schemeId}::uuid`.as('scheme_id')]),
          ),
      )
      // Kysely parenthesises builders in WITH, not raw SQL.
      .with('audited', () => sql<Record<string, never>>`(${auditEventsInsert(events)})`)
      .selectFrom('p')
      .selectAll()
      .executeTakeFirstOrThrow()
  );
}

export function findPersonById(db: Kysely<Database>, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Which people a list may show: all in the user's schemes, or only their caseload and waiting list. */
export interface PersonVisibility {
  readonly kind: 'schemes' | 'caseload';
  readonly schemeIds: readonly string[];
  readonly staffIds: readonly string[];
}

export interface PersonSearch {
  readonly name?: string | undefined;
  readonly nhsNumber?: string | undefined;
  readonly chiNumber?: string | undefined;
  readonly dateOfBirth?: string | undefined;
  readonly schemeId?: string | undefined;
}

const NONE = '00000000-0000-0000-0000-000000000000';
const orNone = (ids: readonly string[]): string[] => (ids.length === 0 ? [NONE] : [...ids]);

export async function searchPeople(
  db: Kysely<Database>,
  visibility: PersonVisibility,
  s: PersonSearch,
  page: { limit: number; offset: number },
): Promise<{ rows: PersonRow[]; total: number }> {
  const schemes = orNone(
    s.schemeId === undefined ? visibility.schemeIds : visibility.schemeIds.filter((id) => id === s.schemeId),
  );
  const staff = orNone(visibility.staffIds);
  let q = db.selectFrom('person as p').where((eb) =>
    visibility.kind === 'schemes'
      ? eb.exists(
          eb
            .selectFrom('person_scheme as ps')
            .select('ps.person_id')
            .whereRef('ps.person_id', '=', 'p.id')
            .where('ps.scheme_id', 'in', schemes),
        )
      : eb.or([
          eb.exists(
            eb
              .selectFrom('referral as r')
              .select('r.id')
              .whereRef('r.person_id', '=', 'p.id')
              .where('r.scheme_id', 'in', schemes)
              .where((w) => w.or([w('r.link_worker_id', 'in', staff), w('r.status', '=', 'waiting')])),
          ),
          eb.and([
            eb.exists(
              eb
                .selectFrom('person_scheme as ps')
                .select('ps.person_id')
                .whereRef('ps.person_id', '=', 'p.id')
                .where('ps.scheme_id', 'in', schemes),
            ),
            eb.not(
              eb.exists(
                eb
                  .selectFrom('referral as r2')
                  .select('r2.id')
                  .whereRef('r2.person_id', '=', 'p.id')
                  .where('r2.scheme_id', 'in', schemes),
              ),
            ),
          ]),
        ]),
  );
  if (s.nhsNumber !== undefined) q = q.where('p.nhs_number', '=', s.nhsNumber);
  if (s.chiNumber !== undefined) q = q.where('p.chi_number', '=', s.chiNumber);
  if (s.dateOfBirth !== undefined) q = q.where('p.date_of_birth', '=', s.dateOfBirth);
  if (s.name !== undefined) {
    const like = `%${s.name.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['p.family_name']), 'like', like),
        eb(eb.fn('lower', ['p.given_name']), 'like', like),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    q
      .selectAll('p')
      .orderBy('p.family_name')
      .orderBy('p.given_name')
      .orderBy('p.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

/** The facts that decide who may see a person: each scheme holding them, with each referral there. */
export async function findPersonAccessFacts(
  db: Kysely<Database>,
  personId: string,
): Promise<{ schemeId: string; assignedTo: string | null; waiting: boolean }[]> {
  const links = await db
    .selectFrom('person_scheme')
    .select('scheme_id')
    .where('person_id', '=', personId)
    .execute();
  const referrals = await db
    .selectFrom('referral')
    .select(['scheme_id', 'link_worker_id', 'status'])
    .where('person_id', '=', personId)
    .execute();
  const facts = referrals.map((r) => ({
    schemeId: r.scheme_id,
    assignedTo: r.link_worker_id,
    waiting: r.status === 'waiting',
  }));
  // A person held by a scheme but not yet referred there is open to that scheme's link workers.
  for (const l of links) {
    if (!referrals.some((r) => r.scheme_id === l.scheme_id)) {
      facts.push({ schemeId: l.scheme_id, assignedTo: null, waiting: true });
    }
  }
  return facts;
}

/** A person recorded already who may be the one about to be recorded. */
export interface DuplicateCandidate {
  readonly id: string;
  readonly nhs_number: string | null;
  readonly chi_number: string | null;
  readonly given_name: string;
  readonly family_name: string;
  readonly date_of_birth: string;
}

/**
 * What recording a person must know first, in one query: whether the scheme that will hold them
 * exists, and the possible duplicates (at most 10): the same NHS or CHI number, or the same family
 * name and date of birth.
 */
export async function findSchemeAndPossibleDuplicates(
  db: Kysely<Database>,
  schemeId: string,
  p: { nhsNumber: string | null; chiNumber: string | null; familyName: string; dateOfBirth: string },
): Promise<{ schemeExists: boolean; candidates: DuplicateCandidate[] }> {
  const duplicates = db
    .selectFrom('person')
    .select(['id', 'nhs_number', 'chi_number', 'given_name', 'family_name', 'date_of_birth'])
    .where((eb) => {
      const ors = [
        eb.and([
          eb(eb.fn('lower', ['family_name']), '=', p.familyName.toLowerCase()),
          eb('date_of_birth', '=', p.dateOfBirth),
        ]),
      ];
      if (p.nhsNumber !== null) ors.push(eb('nhs_number', '=', p.nhsNumber));
      if (p.chiNumber !== null) ors.push(eb('chi_number', '=', p.chiNumber));
      return eb.or(ors);
    })
    .limit(10);
  // One row for the scheme, joined to each candidate (or to none: a row of nulls).
  const rows = await db
    .selectFrom(
      db
        .selectNoFrom((eb) =>
          eb.exists(eb.selectFrom('scheme').select('id').where('id', '=', schemeId)).as('scheme_exists'),
        )
        .as('s'),
    )
    .leftJoinLateral(duplicates.as('d'), (join) => join.onTrue())
    .select([
      's.scheme_exists',
      'd.id',
      'd.nhs_number',
      'd.chi_number',
      'd.given_name',
      'd.family_name',
      'd.date_of_birth',
    ])
    .execute();
  const candidates: DuplicateCandidate[] = [];
  for (const r of rows) {
    if (r.id !== null && r.given_name !== null && r.family_name !== null && r.date_of_birth !== null) {
      candidates.push({
        id: r.id,
        nhs_number: r.nhs_number,
        chi_number: r.chi_number,
        given_name: r.given_name,
        family_name: r.family_name,
        date_of_birth: r.date_of_birth,
      });
    }
  }
  return { schemeExists: rows[0]?.scheme_exists === true, candidates };
}

export async function linkPersonToScheme(
  db: Kysely<Database>,
  personId: string,
  schemeId: string,
): Promise<void> {
  await db
    .insertInto('person_scheme')
    .values({ person_id: personId, scheme_id: schemeId })
    .onConflict((oc) => oc.columns(['person_id', 'scheme_id']).doNothing())
    .execute();
}

/** Updates a person if `version` is current; returns undefined when it is stale (or the person is gone). */
export function updatePerson(
  db: Kysely<Database>,
  id: string,
  version: number,
  p: PersonRecord,
): Promise<PersonRow | undefined> {
  return db
    .updateTable('person')
    .set((eb) => ({
      ...personColumns(p),
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
