/**
 * Is an incoming person someone already recorded? (docs/import.md "Matching people".) In order:
 *
 * 1. the same NHS number or CHI number (checked identifiers: Modulus 11) and the same date of birth:
 *    the same person. An identifier held by someone with another date of birth, or another
 *    identifier on both records that disagrees, is a conflict the row is rejected for (the numbers
 *    are unique, so the import cannot record a second person with them either);
 * 2. the same family name, date of birth, given name and postcode (names compared without case,
 *    accents, spaces or punctuation; postcodes without spaces), and no identifier that disagrees:
 *    the same person when exactly one recorded person fits;
 * 3. the same family name and date of birth with either the given name or the postcode the same
 *    (or several people fitting rule 2): uncertain. The import records the person as new and puts
 *    each pair in the review queue; it never merges two records on its own.
 *
 * Anyone else is a new person. Rule 2 never matches twins (different given names) or a namesake at
 * another address; both go to review.
 */

export interface PersonKeys {
  readonly nhsNumber: string | null;
  readonly chiNumber: string | null;
  readonly givenName: string;
  readonly familyName: string;
  readonly dateOfBirth: string;
  readonly postcode: string | null;
}

export interface KnownPerson extends PersonKeys {
  readonly id: string;
}

export interface ReviewCandidate {
  readonly person: KnownPerson;
  /** Why they may be the same person, for the reviewer. */
  readonly reason: string;
}

export type PersonMatch =
  | { readonly kind: 'identifier'; readonly person: KnownPerson; readonly on: 'nhsNumber' | 'chiNumber' }
  | { readonly kind: 'demographics'; readonly person: KnownPerson }
  | { readonly kind: 'review'; readonly candidates: readonly ReviewCandidate[] }
  | { readonly kind: 'conflict'; readonly path: 'nhsNumber' | 'chiNumber'; readonly message: string }
  | { readonly kind: 'none' };

/** A name as compared for matching: lower case, without accents, spaces or punctuation. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

const postcodeKey = (postcode: string | null): string | null =>
  postcode === null ? null : postcode.replace(/\s+/g, '').toUpperCase();

/** Both records hold this identifier and it differs. */
const disagree = (a: string | null, b: string | null): boolean => a !== null && b !== null && a !== b;

/** Decides whether `incoming` is one of `known` (records found by identifier or by name and birth date). */
export function matchPerson(incoming: PersonKeys, known: readonly KnownPerson[]): PersonMatch {
  const unique = [...new Map(known.map((k) => [k.id, k])).values()];
  const byNhs =
    incoming.nhsNumber === null ? undefined : unique.find((k) => k.nhsNumber === incoming.nhsNumber);
  const byChi =
    incoming.chiNumber === null ? undefined : unique.find((k) => k.chiNumber === incoming.chiNumber);
  if (byNhs !== undefined && byChi !== undefined && byNhs.id !== byChi.id) {
    return {
      kind: 'conflict',
      path: 'chiNumber',
      message: 'the NHS number and the CHI number belong to two different people already recorded',
    };
  }
  const found = byNhs ?? byChi;
  if (found !== undefined) {
    const on = byNhs === undefined ? 'chiNumber' : 'nhsNumber';
    const other = on === 'nhsNumber' ? 'chiNumber' : 'nhsNumber';
    if (found.dateOfBirth !== incoming.dateOfBirth) {
      return {
        kind: 'conflict',
        path: on,
        message: `is recorded for a person with another date of birth`,
      };
    }
    if (disagree(incoming[other], found[other])) {
      return {
        kind: 'conflict',
        path: other,
        message: `the person with this ${on === 'nhsNumber' ? 'NHS' : 'CHI'} number is recorded with another ${other === 'nhsNumber' ? 'NHS' : 'CHI'} number`,
      };
    }
    return { kind: 'identifier', person: found, on };
  }
  const family = nameKey(incoming.familyName);
  const given = nameKey(incoming.givenName);
  const postcode = postcodeKey(incoming.postcode);
  const strong: ReviewCandidate[] = [];
  const weak: ReviewCandidate[] = [];
  for (const k of unique) {
    if (nameKey(k.familyName) !== family || k.dateOfBirth !== incoming.dateOfBirth) continue;
    if (disagree(incoming.nhsNumber, k.nhsNumber) || disagree(incoming.chiNumber, k.chiNumber)) continue;
    const sameGiven = nameKey(k.givenName) === given;
    const samePostcode = postcode !== null && postcodeKey(k.postcode) === postcode;
    if (sameGiven && samePostcode) {
      strong.push({ person: k, reason: 'same name, date of birth and postcode' });
    } else if (sameGiven) {
      weak.push({
        person: k,
        reason: `same name and date of birth; postcode ${postcode === null || k.postcode === null ? 'missing' : 'differs'}`,
      });
    } else if (samePostcode) {
      weak.push({ person: k, reason: 'same family name, date of birth and postcode; given name differs' });
    }
  }
  const [only, second] = strong;
  if (only !== undefined && second === undefined) return { kind: 'demographics', person: only.person };
  if (only !== undefined) {
    return {
      kind: 'review',
      candidates: strong.map((c) => ({ ...c, reason: `${c.reason} as ${strong.length} people recorded` })),
    };
  }
  return weak.length > 0 ? { kind: 'review', candidates: weak } : { kind: 'none' };
}
