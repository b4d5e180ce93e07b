import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  OUTCOME_COLUMNS,
  personKey,
  RESEARCH_COLUMNS,
  researchRow,
  type Pseudonymise,
  type ResearchReferral,
} from './extract.js';

const base: ResearchReferral = {
  referralId: 'r1',
  previousReferralId: null,
  person: {
    id: 'p1',
    nhsNumber: '9990000018',
    chiNumber: null,
    dateOfBirth: '1960-10-02',
    sex: 'female',
    gender: 'woman',
    ethnicityCode: 'A',
    deprivationIndex: 'imd2019',
    deprivationDecile: 3,
  },
  synthetic: true,
  schemeId: 's1',
  schemeName: 'Scheme',
  regionName: 'Region',
  nation: 'england',
  deliveryModel: '3',
  referredOn: '2025-10-01',
  status: 'discharged',
  route: 'gp_practice',
  method: null,
  referrerRole: 'gp',
  priorityGroup: null,
  dischargeReason: 'goals_met',
  needs: ['money', 'housing'],
  daysToAccept: 2,
  daysToFirstContact: null,
  daysToClose: 90,
  contacts: 4,
  contactsAttended: 3,
  minutesAttended: 150,
  signposts: 2,
  onwardReferrals: 1,
  signpostsAttended: 1,
  goals: 2,
  goalsAchieved: 1,
  scores: [],
};

const fake: Pseudonymise = (kind, key) => `${kind}<${key}>`;
const asRecord = (r: ResearchReferral): Record<string, string> =>
  Object.fromEntries(RESEARCH_COLUMNS.map((c, i) => [c, researchRow(r, fake)[i] ?? 'MISSING']));

describe('research extract rows', () => {
  it('has one cell per column, and no column that could hold an identifier or free text', () => {
    expect(researchRow(base, fake)).toHaveLength(RESEARCH_COLUMNS.length);
    expect(new Set(RESEARCH_COLUMNS).size).toBe(RESEARCH_COLUMNS.length);
    for (const c of RESEARCH_COLUMNS) {
      // scheme_name is the service's name, not a person's.
      expect(c).not.toMatch(
        /given|family|referrer_name|staff|worker|nhs|chi_|birth|postcode|phone|email|reason_text|notes|description|who/,
      );
    }
  });

  it('keys the person on the NHS number, else the CHI number, else the record id', () => {
    expect(personKey(base.person)).toBe('nhs:9990000018');
    expect(personKey({ ...base.person, nhsNumber: null, chiNumber: '0101701241' })).toBe('chi:0101701241');
    expect(personKey({ ...base.person, nhsNumber: null })).toBe('linkwork:p1');
  });

  it('writes pseudonyms, the age band at referral, the referral month and coded values only', () => {
    const row = asRecord({ ...base, previousReferralId: 'r0' });
    expect(row).toMatchObject({
      person_pseudonym: 'person<nhs:9990000018>',
      referral_pseudonym: 'referral<r1>',
      previous_referral_pseudonym: 'referral<r0>',
      synthetic: 'true',
      referral_month: '2025-10',
      // 64 on 2025-10-01 (the birthday is the next day).
      age_band: '55-64',
      ethnic_group: 'white',
      deprivation_decile: '3',
      method: '',
      needs: 'housing;money',
      days_to_first_contact: '',
      days_to_close: '90',
    });
    expect(asRecord({ ...base, synthetic: false, deliveryModel: null }).synthetic).toBe('false');
  });

  it('counts whole days between ISO dates', () => {
    expect(daysBetween('2025-10-01', '2025-10-31')).toBe(30);
    expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2);
  });
});

describe('outcome columns', () => {
  it('has days, time point and baseline/last for each measure of each built-in instrument', () => {
    const swemwbs = OUTCOME_COLUMNS.find((o) => o.instrumentId === 'swemwbs');
    expect(swemwbs?.columns).toEqual([
      'swemwbs_baseline_day',
      'swemwbs_last_day',
      'swemwbs_last_timepoint',
      'swemwbs_raw_baseline',
      'swemwbs_raw_last',
      'swemwbs_metric_baseline',
      'swemwbs_metric_last',
    ]);
    expect(OUTCOME_COLUMNS.find((o) => o.instrumentId === 'ons-loneliness')?.columns[0]).toBe(
      'ons_loneliness_baseline_day',
    );
  });

  const score = (responseId: string, timepoint: string, on: string, measure: string, value: number) => ({
    responseId,
    instrumentId: 'swemwbs',
    timepoint,
    administeredOn: on,
    measure,
    value,
  });

  it('pairs the first baseline with the last later response', () => {
    const row = asRecord({
      ...base,
      scores: [
        score('b1', 'baseline', '2025-10-05', 'raw', 20),
        score('b1', 'baseline', '2025-10-05', 'metric', 19.25),
        score('b2', 'baseline', '2025-10-06', 'raw', 99),
        score('x0', 'review', '2025-10-01', 'raw', 1),
        score('f1', 'review', '2025-11-05', 'raw', 24),
        score('f2', 'discharge', '2025-12-30', 'raw', 27),
      ],
    });
    expect(row).toMatchObject({
      swemwbs_baseline_day: '4',
      swemwbs_last_day: '90',
      swemwbs_last_timepoint: 'discharge',
      swemwbs_raw_baseline: '20',
      swemwbs_metric_baseline: '19.25',
      swemwbs_raw_last: '27',
      // The last response has no metric score: empty, not the earlier one.
      swemwbs_metric_last: '',
      gad7_baseline_day: '',
      gad7_total_last: '',
    });
  });

  it('writes the last follow-up even without a baseline, and nothing else', () => {
    const row = asRecord({ ...base, scores: [score('f1', 'follow_up', '2026-01-01', 'raw', 30)] });
    expect(row).toMatchObject({
      swemwbs_baseline_day: '',
      swemwbs_last_day: '92',
      swemwbs_last_timepoint: 'follow_up',
      swemwbs_raw_baseline: '',
      swemwbs_raw_last: '30',
    });
  });
});
