import { describe, expect, it } from 'vitest';
import { matchPerson, nameKey, type KnownPerson, type PersonKeys } from './matching.js';

const ada: PersonKeys = {
  nhsNumber: null,
  chiNumber: null,
  givenName: 'Ada',
  familyName: 'Example',
  dateOfBirth: '1958-03-14',
  postcode: 'M1 1AE',
};
const known = (id: string, over: Partial<PersonKeys> = {}): KnownPerson => ({ id, ...ada, ...over });

describe('nameKey', () => {
  it('ignores case, accents, spaces and punctuation', () => {
    expect(nameKey("  O'Brien-Smith ")).toBe('obriensmith');
    expect(nameKey('Zoë')).toBe(nameKey('ZOE'));
  });
});

describe('matchPerson', () => {
  it('matches by NHS or CHI number with the same date of birth', () => {
    const p = known('p1', { nhsNumber: '9998000017', familyName: 'Married-Name' });
    expect(matchPerson({ ...ada, nhsNumber: '9998000017' }, [p, p])).toEqual({
      kind: 'identifier',
      person: p,
      on: 'nhsNumber',
    });
    const q = known('p2', { chiNumber: '1405620021' });
    expect(matchPerson({ ...ada, chiNumber: '1405620021' }, [q])).toMatchObject({
      kind: 'identifier',
      on: 'chiNumber',
    });
  });

  it('rejects identifiers that disagree', () => {
    const byNhs = known('p1', { nhsNumber: '9998000017' });
    const byChi = known('p2', { chiNumber: '1405620021' });
    expect(
      matchPerson({ ...ada, nhsNumber: '9998000017', chiNumber: '1405620021' }, [byNhs, byChi]),
    ).toMatchObject({
      kind: 'conflict',
      path: 'chiNumber',
    });
    expect(
      matchPerson({ ...ada, nhsNumber: '9998000017', dateOfBirth: '1960-01-01' }, [byNhs]),
    ).toMatchObject({
      kind: 'conflict',
      path: 'nhsNumber',
      message: 'is recorded for a person with another date of birth',
    });
    const both = known('p3', { nhsNumber: '9998000017', chiNumber: '1405620021' });
    expect(matchPerson({ ...ada, nhsNumber: '9998000017', chiNumber: '0307910016' }, [both])).toMatchObject({
      kind: 'conflict',
      path: 'chiNumber',
      message: 'the person with this NHS number is recorded with another CHI number',
    });
    expect(matchPerson({ ...ada, nhsNumber: '9998000025', chiNumber: '1405620021' }, [both])).toMatchObject({
      kind: 'conflict',
      path: 'nhsNumber',
      message: 'the person with this CHI number is recorded with another NHS number',
    });
  });

  it('matches one person with the same name, date of birth and postcode', () => {
    const p = known('p1', { familyName: 'EXAMPLE', givenName: 'ada', postcode: 'm11ae' });
    expect(matchPerson(ada, [p])).toEqual({ kind: 'demographics', person: p });
    // With an NHS number incoming and none recorded, the names still match.
    expect(matchPerson({ ...ada, nhsNumber: '9998000017' }, [p])).toMatchObject({ kind: 'demographics' });
  });

  it('sends uncertain matches to review', () => {
    const twin = known('t', { givenName: 'Ava' });
    const moved = known('m', { postcode: 'M4 5JD' });
    const noPostcode = known('n', { postcode: null });
    const review = matchPerson(ada, [twin, moved, noPostcode]);
    expect(review).toEqual({
      kind: 'review',
      candidates: [
        { person: twin, reason: 'same family name, date of birth and postcode; given name differs' },
        { person: moved, reason: 'same name and date of birth; postcode differs' },
        { person: noPostcode, reason: 'same name and date of birth; postcode missing' },
      ],
    });
    const two = matchPerson(ada, [known('a'), known('b'), moved]);
    expect(two).toMatchObject({ kind: 'review' });
    if (two.kind === 'review') {
      expect(two.candidates.map((c) => [c.person.id, c.reason])).toEqual([
        ['a', 'same name, date of birth and postcode as 2 people recorded'],
        ['b', 'same name, date of birth and postcode as 2 people recorded'],
      ]);
    }
  });

  it('leaves everyone else alone', () => {
    expect(matchPerson(ada, [])).toEqual({ kind: 'none' });
    expect(
      matchPerson(ada, [
        known('other-family', { familyName: 'Other' }),
        known('other-birth', { dateOfBirth: '1958-03-15' }),
        known('nothing-else', { givenName: 'Bea', postcode: 'M4 5JD' }),
      ]).kind,
    ).toBe('none');
    expect(
      matchPerson({ ...ada, nhsNumber: '9998000017', chiNumber: '1405620021' }, [
        known('x', { nhsNumber: '9998000025' }),
        known('y', { chiNumber: '0307910016' }),
      ]),
    ).toEqual({ kind: 'none' });
  });
});
