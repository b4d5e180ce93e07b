import { describe, expect, it } from 'vitest';
import { codeLookup } from '../code-lookup.js';
import { mapRow, type MappedRow } from './mapping.js';
import {
  MAX_SOURCE_ID,
  prepareRow,
  type ImportResolver,
  type PrepareContext,
  type PreparedRow,
} from './prepare.js';
import { bindSheet, compileProfile, describeIssues, type SheetSpec } from './profile.js';

const codes = codeLookup({
  sex: ['male', 'female'],
  gender: ['woman', 'man'],
  nation: ['england', 'scotland'],
  ethnicity_england: ['A', 'Z'],
  ethnicity_scotland: ['1A'],
  referral_route: ['gp_practice', 'self_referral'],
  referrer_role: ['gp', 'self'],
  referral_method: ['phone'],
  priority_group: ['carers'],
  need: ['loneliness', 'housing'],
  referral_status: ['waiting', 'active', 'discharged', 'declined', 'did_not_engage'],
  discharge_reason: ['goals_met'],
  contact_mode: ['face_to_face', 'telephone'],
  location_type: ['home'],
  contact_outcome: ['attended', 'did_not_attend'],
});

const SCHEME = { id: 'scheme-1', nation: 'england' };
const resolver: ImportResolver = {
  scheme: (ref) =>
    ref === 'Tyneside' || ref === 'scheme-1'
      ? { ok: true, value: SCHEME }
      : { ok: false, issue: { rule: 'exists', message: `no scheme "${ref}"` } },
  staff: (schemeId, ref) =>
    schemeId === 'scheme-1' && ref === 'Jo'
      ? { ok: true, value: 'staff-jo' }
      : { ok: false, issue: { rule: 'exists', message: `no member of staff "${ref}"` } },
  practice: (ref) =>
    ref === 'P81001'
      ? { ok: true, value: 'practice-1' }
      : { ok: false, issue: { rule: 'exists', message: 'no' } },
  person: (sourceId) => (sourceId === 'P1' ? { id: 'person-1' } : undefined),
  referral: (sourceId) =>
    sourceId === 'R1'
      ? { id: 'referral-1', schemeId: 'scheme-1', referredAt: new Date('2025-01-06T10:00:00Z') }
      : undefined,
};

const now = new Date('2025-06-01T12:00:00Z');

function mapped(sheet: SheetSpec, cells: Record<string, string>): { row: MappedRow; ctx: PrepareContext } {
  const header = Object.keys(cells);
  const c = compileProfile({ name: 't', title: 'T', sourceSystem: 't', sheets: [sheet] });
  if (c.kind !== 'valid') throw new Error(describeIssues(c.issues));
  const b = bindSheet(c.value, c.value.sheets[0]!, header);
  if (b.kind !== 'valid') throw new Error(describeIssues(b.issues));
  return {
    row: mapRow(b.value, Object.values(cells)),
    ctx: {
      codes,
      now,
      today: '2025-06-01',
      defaultScheme: null,
      resolver,
      sheet: { person: sheet.person !== undefined, referral: sheet.referral !== undefined },
    },
  };
}

const prepare = (
  sheet: SheetSpec,
  cells: Record<string, string>,
  over: Partial<PrepareContext> = {},
): PreparedRow => {
  const { row, ctx } = mapped(sheet, cells);
  return prepareRow(row, { ...ctx, ...over });
};

const issues = (p: PreparedRow): string[] =>
  p.kind === 'rejected' ? p.issues.map((i) => `${i.path} ${i.rule}`) : [];

const PERSON = {
  id: 'Ref',
  fields: {
    givenName: 'Given',
    familyName: 'Family',
    dateOfBirth: 'DOB',
    nhsNumber: 'NHS',
    ethnicity: 'Ethnicity',
    practice: 'Practice',
    recordedAt: 'Recorded',
  },
};
const REFERRAL = {
  id: 'Case',
  fields: {
    referredAt: 'Referred',
    route: 'Route',
    scheme: 'Scheme',
    linkWorker: 'Worker',
    needs: 'Needs',
    consentToShare: 'Consent',
    status: 'Status',
    closedAt: 'Closed',
    dischargeReason: 'Reason closed',
  },
};
const CONTACT = {
  id: 'Act',
  fields: { contactAt: 'When', mode: 'How', staff: 'Worker', durationMinutes: 'Mins' },
};
const ROW = {
  Ref: 'C1',
  Given: 'Ada',
  Family: 'Example',
  DOB: '1958-03-14',
  NHS: '999 800 0017',
  Ethnicity: 'A',
  Practice: 'P81001',
  Recorded: '2025-02-01T09:00:00Z',
  Case: 'K1',
  Referred: '2025-01-06T10:00:00Z',
  Route: 'gp_practice',
  Scheme: 'Tyneside',
  Worker: 'Jo',
  Needs: 'loneliness;housing',
  Consent: 'yes',
  Status: 'discharged',
  Closed: '2025-03-31',
  'Reason closed': 'goals_met',
  Act: 'A1',
  When: '2025-01-13T10:30:00Z',
  How: 'face_to_face',
  Mins: '45',
};

describe('prepareRow: a row with a person, a referral and a contact', () => {
  const sheet = { name: 'rows', person: PERSON, referral: REFERRAL, contact: CONTACT };

  it('gives records that meet the record rules', () => {
    const p = prepare(sheet, ROW);
    expect(p.kind).toBe('ready');
    if (p.kind !== 'ready') return;
    expect(p.person).toMatchObject({
      sourceId: 'C1',
      schemeId: null,
      recordedAt: new Date('2025-02-01T09:00:00Z'),
      record: {
        nhsNumber: '9998000017',
        ethnicity: { nation: 'england', code: 'A' },
        registeredPracticeId: 'practice-1',
      },
    });
    expect([...(p.person?.fields ?? [])]).toContain('nhsNumber');
    expect(p.referral).toMatchObject({
      sourceId: 'K1',
      personId: null,
      record: {
        schemeId: 'scheme-1',
        linkWorkerId: 'staff-jo',
        needs: ['loneliness', 'housing'],
        consentToShare: true,
      },
      episode: { status: 'discharged', dischargeReason: 'goals_met' },
    });
    expect(p.contacts).toMatchObject([
      {
        sourceId: 'A1',
        repeatKey: null,
        record: { referralId: '', staffId: 'staff-jo', durationMinutes: 45 },
      },
    ]);
  });

  it('collects the issues of every record, in profile field names', () => {
    const p = prepare(sheet, {
      ...ROW,
      Given: '',
      Ethnicity: 'Q',
      Practice: 'nowhere',
      Recorded: '2030-01-01T00:00:00Z',
      Scheme: 'Elsewhere',
      Route: 'carrier_pigeon',
      Status: 'active',
      When: '2025-01-01T00:00:00Z',
      How: 'semaphore',
    });
    expect(issues(p)).toEqual([
      'referral.scheme exists',
      'referral.route unknown_code',
      'referral.closedAt open_referral',
      'referral.dischargeReason discharged_only',
      'person.practice exists',
      // The referral's scheme is unknown, so the ethnicity code's list (its nation) is too.
      'person.ethnicityNation required',
      'person.recordedAt not_in_future',
      'person.givenName required',
      'contact.mode unknown_code',
    ]);
  });

  it('checks a contact against the referral on its row and its staff against the scheme', () => {
    expect(issues(prepare(sheet, { ...ROW, When: '2025-01-01T00:00:00Z', Worker: 'Sam' }))).toEqual([
      'referral.linkWorker exists',
      'contact.staff exists',
      'contact.contactAt not_before_referral',
    ]);
  });

  it('needs every record the sheet maps on each row', () => {
    const noPerson = {
      ...ROW,
      Ref: '',
      Given: '',
      Family: '',
      DOB: '',
      NHS: '',
      Ethnicity: '',
      Practice: '',
      Recorded: '',
    };
    expect(issues(prepare(sheet, noPerson))).toEqual(['person required']);
    const noReferralOrContact = {
      ...ROW,
      Case: '',
      Referred: '',
      Route: '',
      Scheme: '',
      Worker: '',
      Needs: '',
      Consent: '',
      Status: '',
      Closed: '',
      'Reason closed': '',
      Act: '',
      When: '',
      How: '',
      Mins: '',
    };
    expect(issues(prepare(sheet, noReferralOrContact))).toEqual([
      'referral required',
      'person.ethnicityNation required',
    ]);
    const contactOnly = {
      ...noPerson,
      Worker: '',
      Case: '',
      Referred: '',
      Route: '',
      Scheme: '',
      Needs: '',
      Consent: '',
      Status: '',
      Closed: '',
      'Reason closed': '',
    };
    expect(issues(prepare(sheet, contactOnly))).toEqual(['person required', 'referral required']);
  });

  it('needs ids and a scheme, and takes the default scheme', () => {
    expect(issues(prepare(sheet, { ...ROW, Case: '', Act: '', Scheme: '' }))).toEqual([
      'referral.id required',
      'referral.scheme required',
      'person.ethnicityNation required',
      'contact.id required',
    ]);
    const p = prepare(sheet, { ...ROW, Scheme: '' }, { defaultScheme: 'scheme-1' });
    expect(p.kind === 'ready' && p.referral?.record.schemeId).toBe('scheme-1');
    const long = 'x'.repeat(MAX_SOURCE_ID + 1);
    expect(issues(prepare(sheet, { ...ROW, Ref: long, Case: long, Act: long }))).toEqual([
      'referral.id max_length',
      'person.id max_length',
      'contact.id max_length',
    ]);
  });
});

describe('prepareRow: one record type per sheet', () => {
  it('holds people of a people sheet in the scheme they name, or the default', () => {
    const people = { name: 'people', person: { ...PERSON, fields: { ...PERSON.fields, scheme: 'Scheme' } } };
    const person = {
      Ref: 'C1',
      Given: 'Ada',
      Family: 'Example',
      DOB: '1958-03-14',
      NHS: '',
      Ethnicity: '',
      Practice: '',
      Recorded: '',
    };
    expect(issues(prepare(people, { ...person, Scheme: 'Tyneside' }))).toEqual([]);
    const withoutScheme = prepare(people, {
      Ref: 'C1',
      Given: 'Ada',
      Family: 'Example',
      DOB: '1958-03-14',
      NHS: '',
      Ethnicity: '',
      Practice: '',
      Recorded: '',
      Scheme: '',
    });
    expect(issues(withoutScheme)).toEqual(['person.scheme required']);
    const byDefault = prepare(
      people,
      {
        Ref: 'C1',
        Given: 'Ada',
        Family: 'Example',
        DOB: '1958-03-14',
        NHS: '',
        Ethnicity: 'A',
        Practice: '',
        Recorded: '',
        Scheme: '',
      },
      { defaultScheme: 'Tyneside' },
    );
    expect(byDefault.kind === 'ready' && byDefault.person).toMatchObject({
      schemeId: 'scheme-1',
      record: { ethnicity: { nation: 'england' } },
    });
    const unknown = prepare(people, {
      Ref: 'C1',
      Given: 'Ada',
      Family: 'Example',
      DOB: '1958-03-14',
      NHS: '',
      Ethnicity: 'A',
      Practice: '',
      Recorded: '',
      Scheme: 'Nowhere',
    });
    expect(issues(unknown)).toEqual(['person.scheme exists', 'person.ethnicityNation required']);
    const scottish = prepare(
      {
        name: 'people',
        person: {
          fields: {
            givenName: 'G',
            familyName: 'F',
            dateOfBirth: 'D',
            ethnicity: 'E',
            ethnicityNation: { value: 'scotland' },
            scheme: 'S',
          },
        },
      },
      { G: 'Ada', F: 'Example', D: '1958-03-14', E: '1A', S: 'Tyneside' },
    );
    expect(scottish.kind === 'ready' && scottish.person).toMatchObject({
      sourceId: null,
      record: { ethnicity: { nation: 'scotland', code: '1A' } },
    });
  });

  it('finds the person of a referral sheet by their id in the source', () => {
    const referrals = {
      name: 'referrals',
      referral: { ...REFERRAL, fields: { ...REFERRAL.fields, person: 'Person' } },
    };
    const cells = {
      Case: 'K1',
      Person: 'P1',
      Referred: '2025-01-06T10:00:00Z',
      Route: 'gp_practice',
      Scheme: 'Tyneside',
      Worker: '',
      Needs: '',
      Consent: '',
      Status: '',
      Closed: '',
      'Reason closed': '',
    };
    const ok = prepare(referrals, cells);
    expect(ok.kind === 'ready' && ok.referral).toMatchObject({
      personId: 'person-1',
      episode: { status: 'waiting' },
    });
    expect(ok.kind === 'ready' && ok.person).toBeNull();
    expect(issues(prepare(referrals, { ...cells, Person: 'P404' }))).toEqual(['referral.person exists']);
    expect(issues(prepare(referrals, { ...cells, Person: '' }))).toEqual(['referral.person required']);
  });

  it('finds the referral of a contact sheet by its id in the source', () => {
    const contacts = {
      name: 'contacts',
      contact: { ...CONTACT, fields: { ...CONTACT.fields, referral: 'Referral' } },
    };
    const cells = {
      Act: 'A1',
      Referral: 'R1',
      When: '2025-01-13T10:30:00Z',
      How: 'telephone',
      Worker: 'Jo',
      Mins: '',
    };
    const ok = prepare(contacts, cells);
    expect(ok.kind === 'ready' && ok.contacts).toMatchObject([
      { record: { referralId: 'referral-1', staffId: 'staff-jo' } },
    ]);
    expect(issues(prepare(contacts, { ...cells, Referral: 'R404' }))).toEqual(['contact.referral exists']);
    expect(issues(prepare(contacts, { ...cells, Referral: '', Worker: 'Jo' }))).toEqual([
      'contact.referral required',
    ]);
    expect(issues(prepare(contacts, { ...cells, When: '2025-01-01T00:00:00Z' }))).toEqual([
      'contact.contactAt not_before_referral',
    ]);
  });

  it('rejects a row none of whose read columns has a value, and passes blank rows', () => {
    const contacts = {
      name: 'contacts',
      contact: { ...CONTACT, fields: { ...CONTACT.fields, referral: 'Referral' } },
    };
    expect(
      issues(
        prepare(contacts, { Act: '', Referral: '', When: '', How: '', Worker: '', Mins: '', Other: 'x' }),
      ),
    ).toEqual(['row no_record']);
    expect(prepare(contacts, { Act: '', Referral: '', When: '', How: '', Worker: '', Mins: '' })).toEqual({
      kind: 'blank',
    });
  });

  it('keeps mapping issues with the row', () => {
    const p = prepare(
      { name: 'c', contact: { ...CONTACT, fields: { ...CONTACT.fields, referral: 'Referral' } } },
      { Act: 'A1', Referral: 'R1', When: 'soon', How: 'telephone', Worker: '', Mins: 'ten' },
    );
    expect(issues(p)).toEqual([
      'contact.contactAt datetime_format',
      'contact.durationMinutes integer',
      'contact.contactAt required',
    ]);
  });

  it('reports the missing required values of every record, repeated contacts by their key', () => {
    const sheet = {
      name: 'wide',
      person: { fields: { givenName: 'G', familyName: 'F', dateOfBirth: 'D' } },
      referral: { id: 'Id', fields: { referredAt: 'R', route: 'Route', reason: 'Why' } },
      contact: {
        repeat: ['1', '2'],
        id: { template: '{Id}-{n}' },
        fields: { contactAt: 'At {n}', mode: 'Mode {n}' },
      },
    };
    const p = prepare(
      sheet,
      {
        G: 'Ada',
        F: '',
        D: '',
        Id: 'K1',
        Why: 'Lonely',
        R: '',
        Route: '',
        'At 1': '2025-01-13',
        'Mode 1': '',
        'At 2': '',
        'Mode 2': 'telephone',
      },
      { defaultScheme: 'Tyneside' },
    );
    expect(issues(p)).toEqual([
      'referral.referredAt required',
      'referral.route required',
      'person.familyName required',
      'person.dateOfBirth required',
      'contact[1].mode required',
      'contact[2].contactAt required',
    ]);
    const ok = prepare(
      sheet,
      {
        G: 'Ada',
        F: 'Example',
        D: '1958-03-14',
        Id: 'K1',
        Why: '',
        R: '2025-01-06',
        Route: 'gp_practice',
        'At 1': '2025-01-13',
        'Mode 1': 'telephone',
        'At 2': '',
        'Mode 2': '',
      },
      { defaultScheme: 'Tyneside' },
    );
    expect(ok.kind === 'ready' && ok.contacts.map((c) => [c.repeatKey, c.sourceId])).toEqual([['1', 'K1-1']]);
  });
});
