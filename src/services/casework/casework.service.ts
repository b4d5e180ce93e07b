// Use cases that write the casework record: validate with the domain rules, check the records they
// refer to, and write in one transaction. Errors are DomainErrors naming the field and the rule.
import type { Kysely } from 'kysely';
import { validateContact, type ContactInput } from '../../domain/contacts/contact.js';
import { DomainError, validationError } from '../../domain/errors.js';
import { validatePerson, type PersonInput } from '../../domain/people/person.js';
import { validateReferral, type ReferralInput } from '../../domain/referrals/referral.js';
import { insertContact, type ContactRow } from '../../db/casework/contact.repository.js';
import { findReferralById, insertReferral, type ReferralRow } from '../../db/casework/referral.repository.js';
import type { Database } from '../../db/database.js';
import { translateDbError } from '../../db/errors.js';
import { findOrganisationById } from '../../db/organisations/organisation.repository.js';
import {
  findPersonById,
  insertPerson,
  type PersonRow,
  type Provenance,
} from '../../db/people/person.repository.js';
import { findSchemeById } from '../../db/schemes/scheme.repository.js';
import { loadCodeLookup } from '../reference/reference.service.js';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

const notFound = (path: string, what: string): DomainError =>
  new DomainError('validation_failed', `${path}: no such ${what}`, {
    issues: [{ path, rule: 'exists', message: `no such ${what}` }],
  });

/** Records a new person (PRSB person demographics). */
export async function recordPerson(
  db: Kysely<Database>,
  input: PersonInput,
  opts: { clock?: Clock; provenance?: Provenance } = {},
): Promise<PersonRow> {
  const codes = await loadCodeLookup(db);
  const v = validatePerson(input, codes, isoDay((opts.clock ?? systemClock).now()));
  if (v.kind === 'invalid') throw validationError(v.issues);
  const practiceId = v.value.registeredPracticeId;
  if (practiceId !== null) {
    const practice = await findOrganisationById(db, practiceId).catch(translateDbError);
    if (practice?.kind !== 'gp_practice') throw notFound('registeredPracticeId', 'GP practice');
  }
  return insertPerson(db, v.value, opts.provenance).catch(translateDbError);
}

/** Records a referral to a link-worker scheme, with its coded needs, in one transaction. */
export async function referPerson(
  db: Kysely<Database>,
  input: ReferralInput,
  opts: { clock?: Clock; provenance?: Provenance } = {},
): Promise<ReferralRow> {
  const codes = await loadCodeLookup(db);
  const v = validateReferral(input, codes, (opts.clock ?? systemClock).now());
  if (v.kind === 'invalid') throw validationError(v.issues);
  const r = v.value;
  return db
    .transaction()
    .execute(async (trx) => {
      if ((await findPersonById(trx, r.personId)) === undefined) throw notFound('personId', 'person');
      if ((await findSchemeById(trx, r.schemeId)) === undefined) throw notFound('schemeId', 'scheme');
      if (r.previousReferralId !== null) {
        const previous = await findReferralById(trx, r.previousReferralId);
        if (previous === undefined) throw notFound('previousReferralId', 'referral');
        if (previous.person_id !== r.personId) {
          throw validationError([
            {
              path: 'previousReferralId',
              rule: 'same_person',
              message: 'must be a referral of the same person',
            },
          ]);
        }
      }
      return insertReferral(trx, r, opts.provenance);
    })
    .catch(translateDbError);
}

/** Records a contact (session) on a referral. */
export async function recordContact(
  db: Kysely<Database>,
  input: ContactInput,
  opts: { clock?: Clock; provenance?: Provenance } = {},
): Promise<ContactRow> {
  const codes = await loadCodeLookup(db);
  const referral = await findReferralById(db, input.referralId).catch(translateDbError);
  if (referral === undefined) throw notFound('referralId', 'referral');
  const v = validateContact(input, codes, (opts.clock ?? systemClock).now(), {
    referredAt: referral.referred_at,
  });
  if (v.kind === 'invalid') throw validationError(v.issues);
  return insertContact(db, v.value, opts.provenance).catch(translateDbError);
}
