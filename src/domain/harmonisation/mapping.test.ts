import { describe, expect, it } from 'vitest';
import { mapRow, type MappedRecord } from './mapping.js';
import { bindSheet, compileProfile, describeIssues, type BoundSheet, type SheetSpec } from './profile.js';

function bound(
  sheet: SheetSpec,
  header: string[],
  extra: { dateFormats?: string[]; timeZone?: 'UTC' } = {},
): BoundSheet {
  const c = compileProfile({ name: 't', title: 'T', sourceSystem: 't', sheets: [sheet], ...extra });
  if (c.kind !== 'valid') throw new Error(describeIssues(c.issues));
  const b = bindSheet(c.value, c.value.sheets[0]!, header);
  if (b.kind !== 'valid') throw new Error(describeIssues(b.issues));
  return b.value;
}

const values = (r: MappedRecord | null): Record<string, unknown> => Object.fromEntries(r?.values ?? []);

describe('mapRow', () => {
  const charity = bound(
    {
      name: 'rows',
      person: {
        id: 'Ref',
        fields: {
          givenName: { column: 'Name', pattern: '^(?<family>[^,]+),\\s*(?<given>.+)$', group: 'given' },
          familyName: { column: 'Name', pattern: '^(?<family>[^,]+),\\s*(?<given>.+)$', group: 'family' },
          dateOfBirth: 'DOB',
          sex: { column: 'Sex', map: { M: 'male', F: 'female', U: '' }, unmapped: 'reject' },
          postcode: { column: 'Postcode', pattern: '^[A-Z0-9 ]+$' },
          phone: { column: 'Phone', map: { none: 'x' }, unmapped: 'empty' },
        },
      },
      referral: {
        id: { template: 'R-{Ref}-{Referred}' },
        fields: {
          referredAt: 'Referred',
          route: { value: 'gp_practice' },
          needs: {
            column: 'Needs',
            split: '/',
            map: { Lonely: 'loneliness', Money: 'money_debt', none: '' },
            unmapped: 'reject',
          },
          consentToShare: 'Consent',
          status: { column: 'Status', default: 'waiting' },
          reason: { value: '' },
        },
      },
      contact: {
        repeat: ['1', '2'],
        id: { template: '{Ref}-{n}' },
        fields: {
          contactAt: 'Appt {n}',
          mode: { column: 'Type {n}', map: { F2F: 'face_to_face' } },
          durationMinutes: 'Mins {n}',
          outcome: { column: 'Worker', default: 'attended' },
        },
      },
    },
    [
      'Ref',
      'Name',
      'DOB',
      'Sex',
      'Postcode',
      'Phone',
      'Referred',
      'Needs',
      'Consent',
      'Status',
      'Appt 1',
      'Type 1',
      'Mins 1',
      'Appt 2',
      'Type 2',
      'Mins 2',
      'Worker',
    ],
    { dateFormats: ['dd/MM/yyyy', 'dd/MM/yyyy HH:mm'] },
  );

  it('reads every field through its pattern, map, split, type and default', () => {
    const row = mapRow(charity, [
      'C1',
      'EXAMPLE,  Ada',
      '14/05/1952',
      'f',
      'M1 1AE',
      '0161 000',
      '06/01/2025',
      'Lonely / money/none',
      'yes',
      '',
      '13/01/2025 10:30',
      'F2F',
      '45.0',
      '',
      '',
      '',
      'Jo',
    ]);
    expect(row.issues).toEqual([]);
    expect(row.blank).toBe(false);
    expect(row.person?.sourceId).toBe('C1');
    expect(values(row.person)).toEqual({
      givenName: 'Ada',
      familyName: 'EXAMPLE',
      dateOfBirth: '1952-05-14',
      sex: 'female',
      postcode: 'M1 1AE',
    });
    expect(row.referral?.sourceId).toBe('R-C1-06/01/2025');
    expect(values(row.referral)).toEqual({
      referredAt: '2025-01-06T00:00:00.000Z',
      route: 'gp_practice',
      needs: ['loneliness', 'money_debt'],
      consentToShare: true,
      status: 'waiting',
    });
    // Only the first appointment has cells of its own; the shared Worker column does not make a second.
    expect(row.contacts).toHaveLength(1);
    expect(row.contacts[0]).toMatchObject({ repeatKey: '1', sourceId: 'C1-1' });
    expect(values(row.contacts[0] ?? null)).toEqual({
      contactAt: '2025-01-13T10:30:00.000Z',
      mode: 'face_to_face',
      durationMinutes: 45,
      outcome: 'Jo',
    });
  });

  it('collects the issues of every field, with the record path', () => {
    const row = mapRow(charity, [
      'C1',
      'no comma',
      '31/02/1952',
      'X',
      'm1 1ae',
      '',
      'soon',
      'Lonely/Bored',
      'perhaps',
      '',
      'tomorrow',
      'F2F',
      'an hour',
      '14/01/2025',
      'TEL',
      '',
      '',
    ]);
    expect(row.issues.map((i) => `${i.path} ${i.rule}`)).toEqual([
      'person.givenName pattern',
      'person.familyName pattern',
      'person.dateOfBirth date_format',
      'person.sex unmapped_value',
      'person.postcode pattern',
      'referral.referredAt datetime_format',
      'referral.needs unmapped_value',
      'referral.consentToShare boolean',
      'contact[1].contactAt datetime_format',
      'contact[1].durationMinutes integer',
    ]);
    expect(row.issues[2]?.message).toBe(
      'is not a date in the format dd/MM/yyyy, dd/MM/yyyy HH:mm, ISO 8601 (yyyy-MM-dd)',
    );
    // An unmapped value is kept by default (the record rules then judge it).
    expect(row.contacts[1]).toMatchObject({ repeatKey: '2' });
    expect(values(row.contacts[1] ?? null)['mode']).toBe('TEL');
    // The referral id template is absent when a column it names is empty.
    const noDate = mapRow(charity, [
      'C1',
      'A, B',
      '',
      '',
      '',
      '',
      '',
      '',
      'no',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    expect(noDate.referral?.sourceId).toBeNull();
    expect(values(noDate.referral)['consentToShare']).toBe(false);
  });

  it('maps a value to empty, and a long unmapped value is shortened in the message', () => {
    const row = mapRow(charity, ['C1', 'A, B', '', 'U', '', '', '', '', '', '', '', '', '', '', '', '', '']);
    expect(values(row.person)['sex']).toBeUndefined();
    const long = mapRow(charity, [
      'C1',
      'A, B',
      '',
      'x'.repeat(60),
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    expect(long.issues[0]?.message).toBe(`"${'x'.repeat(37)}..." is not in the profile's value map`);
  });

  it('reports blank rows and absent records', () => {
    expect(
      mapRow(charity, ['', ' ', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '']),
    ).toMatchObject({
      blank: true,
      person: null,
      referral: null,
      contacts: [],
    });
    // Short rows read as empty cells.
    const onlyPerson = mapRow(charity, ['C9', 'A, B']);
    expect(onlyPerson.referral).toBeNull();
    expect(onlyPerson.contacts).toEqual([]);
    expect(onlyPerson.person?.sourceId).toBe('C9');
  });

  it('reads date-only values, UTC profiles and dates', () => {
    const b = bound(
      {
        name: 'r',
        person: { fields: { givenName: 'G', familyName: 'F', dateOfBirth: 'D', recordedAt: 'At' } },
      },
      ['G', 'F', 'D', 'At'],
      { timeZone: 'UTC' },
    );
    const row = mapRow(b, ['A', 'B', '1952-05-14T00:00:00', '2025-07-01 09:00']);
    expect(values(row.person)).toMatchObject({
      dateOfBirth: '1952-05-14',
      recordedAt: '2025-07-01T09:00:00.000Z',
    });
    expect(row.person?.sourceId).toBeNull();
  });

  it('drops empty list items and empty optional pattern groups; reads sheets without a person', () => {
    const b = bound(
      {
        name: 'r',
        referral: {
          id: 'Id',
          fields: {
            person: 'Who',
            referredAt: 'When',
            route: 'Route',
            needs: 'Needs',
            reason: { column: 'Reason', pattern: '^(?<code>[A-Z]+:)?(?<rest>.*)$', group: 'code' },
          },
        },
        contact: { id: 'C', fields: { contactAt: 'At', mode: 'Mode' } },
      },
      ['Id', 'Who', 'When', 'Route', 'Needs', 'Reason', 'C', 'At', 'Mode'],
    );
    const row = mapRow(b, [
      'R1',
      'P1',
      '2025-01-06',
      'gp_practice',
      'loneliness;;housing; ',
      'no code here',
      'C1',
      '2025-01-07',
      'telephone',
    ]);
    expect(row.person).toBeNull();
    expect(values(row.referral)).toEqual({
      person: 'P1',
      referredAt: '2025-01-06T00:00:00.000Z',
      route: 'gp_practice',
      needs: ['loneliness', 'housing'],
    });
    expect(row.contacts.map((c) => [c.repeatKey, c.sourceId])).toEqual([[null, 'C1']]);
  });
});
