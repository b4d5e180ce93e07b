// People (service users): search with duplicate detection, read, create, update with optimistic
// concurrency. Every read and write is audited; writes in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RecordFacts, Scope } from '../../domain/access/policy.js';
import { DomainError, validationError } from '../../domain/errors.js';
import { validatePerson, type PersonInput, type PersonRecord } from '../../domain/people/person.js';
import type { Database } from '../../db/database.js';
import { translateDbError } from '../../db/errors.js';
import { findOrganisationById } from '../../db/organisations/organisation.repository.js';
import {
  findPersonAccessFacts,
  findPersonById,
  findSchemeAndPossibleDuplicates,
  insertPersonHeldBy,
  searchPeople,
  updatePerson,
  type PersonRow,
  type PersonSearch,
} from '../../db/people/person.repository.js';
import { audit, auditEvents, type RequestContext } from '../audit/audit.service.js';
import { loadCodeLookup } from '../reference/reference.service.js';

/** A person as services hand it out (never a database row). */
export interface Person extends PersonRecord {
  readonly id: string;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export function personFromRow(r: PersonRow): Person {
  return {
    id: r.id,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    nhsNumber: r.nhs_number,
    chiNumber: r.chi_number,
    givenName: r.given_name,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    sex: r.sex,
    gender: r.gender,
    ethnicity:
      r.ethnicity_nation === null || r.ethnicity_code === null
        ? null
        : { nation: r.ethnicity_nation, code: r.ethnicity_code },
    postcode: r.postcode,
    deprivation:
      r.deprivation_index === null || r.deprivation_decile === null
        ? null
        : { index: r.deprivation_index, decile: r.deprivation_decile },
    registeredPracticeId: r.registered_practice_id,
    phone: r.phone,
    email: r.email,
  };
}

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** Searches the people the actor may see; audits each person returned. */
export async function listPeople(
  db: Kysely<Database>,
  ctx: RequestContext,
  scope: Scope,
  search: PersonSearch,
  page: { limit: number; offset: number },
): Promise<{ items: Person[]; total: number }> {
  const { rows, total } = await searchPeople(
    db,
    {
      kind: scope === 'caseload' ? 'caseload' : 'schemes',
      schemeIds: ctx.actor.schemeIds,
      staffIds: ctx.actor.staffIds,
    },
    search,
    page,
  );
  await audit(
    db,
    ctx,
    rows.map((r) => ({
      action: 'search' as const,
      entity: 'person',
      entityId: r.id,
      schemeId: search.schemeId ?? null,
    })),
  );
  return { items: rows.map(personFromRow), total };
}

/** Loads a person with the facts that decide access; `authorize` throws when none is in scope. */
export async function getPerson(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: string,
  authorize: (facts: readonly RecordFacts[]) => void,
): Promise<Person> {
  const row = await findPersonById(db, id);
  if (row === undefined) throw new DomainError('not_found', 'No person with that id that you may see');
  authorize(await findPersonAccessFacts(db, id));
  await audit(db, ctx, [{ action: 'read', entity: 'person', entityId: id, schemeId: null }]);
  return personFromRow(row);
}

export interface CreatePersonInput extends PersonInput {
  /** The scheme that will hold the record (the actor must be able to create in it). */
  readonly schemeId: string;
  /** Confirms that the possible duplicates reported earlier are different people. */
  readonly allowPossibleDuplicate?: boolean;
}

/**
 * Creates a person held by a scheme. An NHS/CHI number already recorded is a conflict; a person with
 * the same family name and date of birth is reported as a possible duplicate (409, with the
 * candidates the actor may see) unless `allowPossibleDuplicate` confirms it is someone else.
 */
export async function createPerson(
  db: Kysely<Database>,
  ctx: RequestContext,
  input: CreatePersonInput,
  canSee: (facts: readonly RecordFacts[]) => boolean,
): Promise<Person> {
  const codes = await loadCodeLookup(db);
  const v = validatePerson(input, codes, isoDay(ctx.now));
  if (v.kind === 'invalid') throw validationError(v.issues);
  const { schemeExists, candidates } = await findSchemeAndPossibleDuplicates(db, input.schemeId, v.value);
  if (!schemeExists) {
    throw validationError([{ path: 'schemeId', rule: 'exists', message: 'no such scheme' }]);
  }
  if (v.value.registeredPracticeId !== null) {
    const practice = await findOrganisationById(db, v.value.registeredPracticeId).catch(translateDbError);
    if (practice?.kind !== 'gp_practice') {
      throw validationError([
        { path: 'registeredPracticeId', rule: 'exists', message: 'no such GP practice' },
      ]);
    }
  }
  const sameId = candidates.find(
    (c) =>
      (v.value.nhsNumber !== null && c.nhs_number === v.value.nhsNumber) ||
      (v.value.chiNumber !== null && c.chi_number === v.value.chiNumber),
  );
  if (sameId !== undefined) {
    const visible = canSee(await findPersonAccessFacts(db, sameId.id));
    throw new DomainError('conflict', 'A person with this NHS or CHI number is already recorded', {
      issues: [
        {
          path: v.value.nhsNumber !== null ? 'nhsNumber' : 'chiNumber',
          rule: 'unique',
          message: 'already recorded',
        },
      ],
      ...(visible ? { existingId: sameId.id } : {}),
    });
  }
  if (candidates.length > 0 && input.allowPossibleDuplicate !== true) {
    const visible: { id: string; givenName: string; familyName: string; dateOfBirth: string }[] = [];
    for (const c of candidates) {
      if (canSee(await findPersonAccessFacts(db, c.id))) {
        visible.push({
          id: c.id,
          givenName: c.given_name,
          familyName: c.family_name,
          dateOfBirth: c.date_of_birth,
        });
      }
    }
    throw new DomainError(
      'conflict',
      'A person with the same family name and date of birth is already recorded',
      {
        issues: [
          {
            path: 'familyName',
            rule: 'possible_duplicate',
            message: 'may be a duplicate: confirm with allowPossibleDuplicate',
          },
        ],
        candidates: visible,
      },
    );
  }
  // The person, the scheme link and the audit event in one statement (one transaction).
  const id = randomUUID();
  const row = await insertPersonHeldBy(
    db,
    { id, record: v.value },
    input.schemeId,
    auditEvents(ctx, [{ action: 'create', entity: 'person', entityId: id, schemeId: input.schemeId }]),
  ).catch(translateDbError);
  return personFromRow(row);
}

/** Replaces a person's details if `version` is current (else stale_version). */
export async function changePerson(
  db: Kysely<Database>,
  ctx: RequestContext,
  id: string,
  input: PersonInput & { readonly version: number },
  authorize: (facts: readonly RecordFacts[]) => void,
): Promise<Person> {
  const existing = await findPersonById(db, id);
  if (existing === undefined) throw new DomainError('not_found', 'No person with that id that you may see');
  authorize(await findPersonAccessFacts(db, id));
  const codes = await loadCodeLookup(db);
  const v = validatePerson(input, codes, isoDay(ctx.now));
  if (v.kind === 'invalid') throw validationError(v.issues);
  return db
    .transaction()
    .execute(async (trx) => {
      const row = await updatePerson(trx, id, input.version, v.value);
      if (row === undefined) {
        throw new DomainError(
          'stale_version',
          'Someone else changed this person first: reload and try again',
          {
            currentVersion: existing.version,
          },
        );
      }
      await audit(trx, ctx, [{ action: 'update', entity: 'person', entityId: id, schemeId: null }]);
      return personFromRow(row);
    })
    .catch(translateDbError);
}
