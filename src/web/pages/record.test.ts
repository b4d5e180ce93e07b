import { describe, expect, it } from 'vitest';
import type { InstrumentRes } from '../api/endpoints.js';
import { makeReference } from '../app/reference.js';
import { buildTimeline, formatChange, formatScore, type ReferralRecord } from './record.js';

const reference = makeReference({
  lists: {
    referral_route: [{ code: 'gp_practice', label: 'GP practice', active: true }],
    need: [{ code: 'loneliness', label: 'Loneliness', active: true }],
    contact_mode: [{ code: 'telephone', label: 'Telephone', active: true }],
    contact_outcome: [{ code: 'attended', label: 'Attended', active: true }],
    attendance: [{ code: 'not_known', label: 'Not known', active: true }],
    goal_status: [{ code: 'agreed', label: 'Agreed', active: true }],
    timepoint: [
      { code: 'baseline', label: 'Baseline', active: true },
      { code: 'review', label: 'Review', active: true },
    ],
    discharge_reason: [{ code: 'goals_met', label: 'Goals met', active: true }],
    referral_status: [{ code: 'discharged', label: 'Discharged', active: true }],
  },
});

const instruments = [
  { id: 'swemwbs', name: 'SWEMWBS', measures: [{ id: 'metric', label: 'Metric score' }] },
] as unknown as InstrumentRes[];

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const tracked = (n: number, recordedAt: string) => ({
  id: id(n),
  version: 1,
  recordedAt,
  updatedAt: recordedAt,
});

const record: ReferralRecord = {
  referral: {
    id: id(1),
    version: 3,
    personId: id(2),
    schemeId: id(3),
    referredAt: '2026-01-05T09:00:00.000Z',
    route: 'gp_practice',
    referrerRole: null,
    referrerName: 'Dr Example',
    referrerOrgText: null,
    referrerOrgId: null,
    method: null,
    reason: 'Lonely',
    priorityGroup: null,
    needs: ['loneliness'],
    status: 'discharged',
    snomedCode: null,
    linkWorkerId: null,
    previousReferralId: null,
    acceptedAt: '2026-01-06T10:00:00.000Z',
    closedAt: '2026-03-01T16:00:00.000Z',
    dischargeReason: 'goals_met',
    consentToShare: true,
  },
  contacts: [
    {
      ...tracked(10, '2026-01-06T11:30:00.000Z'),
      referralId: id(1),
      contactAt: '2026-01-06T11:00:00.000Z',
      mode: 'telephone',
      durationMinutes: 1,
      locationType: null,
      outcome: 'attended',
      staffId: null,
      contactType: null,
      notes: 'Called',
    },
  ],
  signposts: [
    {
      ...tracked(11, '2026-01-06T15:00:00.000Z'),
      referralId: id(1),
      kind: 'onward_referral',
      serviceId: null,
      serviceName: 'Lunch club',
      signpostedOn: '2026-01-06',
      reasonNeed: 'loneliness',
      reasonText: null,
      attendance: 'not_known',
      response: 'pending',
      staffId: null,
    },
  ],
  plan: { referralId: id(1), needs: [], goals: [] },
  questionnaires: [
    {
      ...tracked(20, '2026-01-06T09:00:00.000Z'),
      referralId: id(1),
      instrumentId: 'swemwbs',
      instrumentVersion: '1.0',
      rulesVersion: 'r',
      timepoint: 'baseline',
      administeredOn: '2026-01-06',
      administeredBy: null,
      answers: [],
      scoreStatus: 'scored',
      scores: [{ measure: 'metric', value: 19.25, band: null }],
      changes: null,
    },
    {
      ...tracked(21, '2026-02-10T09:00:00.000Z'),
      referralId: id(1),
      instrumentId: 'swemwbs',
      instrumentVersion: '1.0',
      rulesVersion: 'r',
      timepoint: 'review',
      administeredOn: '2026-02-09',
      administeredBy: null,
      answers: [],
      scoreStatus: 'scored',
      scores: [{ measure: 'metric', value: 25.03, band: null }],
      changes: [
        {
          measure: 'metric',
          baselineResponseId: id(20),
          baselineValue: 19.25,
          value: 25.03,
          change: 5.78,
          direction: 'higher_is_better',
          interpretation: 'improved',
        },
      ],
    },
  ],
};

describe("a person's timeline", () => {
  it('puts every event newest first; dated records sort by when they were recorded that day', () => {
    const t = buildTimeline([record], reference, instruments);
    expect(t.map((e) => e.kind)).toEqual([
      'closed',
      'questionnaire', // review, dated 9 Feb (recorded the next day: sorts at midday on the 9th)
      'signpost', // recorded 15:00 on the 6th
      'contact', // 11:00
      'accepted', // 10:00
      'questionnaire', // baseline, recorded 09:00 on the 6th
      'referral',
    ]);
  });

  it('describes each event with labels, scores and the change from baseline', () => {
    const t = buildTimeline([record], reference, instruments);
    const by = (key: string) => t.find((e) => e.key === key);
    expect(by(`referral-${id(1)}`)).toMatchObject({
      title: 'Referred (GP practice)',
      lines: ['Referrer: Dr Example', 'Reason: Lonely', 'Needs: Loneliness'],
    });
    expect(by(`contact-${id(10)}`)).toMatchObject({
      title: 'Contact: Telephone, attended',
      lines: ['1 minute', 'Called'],
    });
    expect(by(`signpost-${id(11)}`)).toMatchObject({
      title: 'Onward referral to Lunch club',
      lines: ['For: Loneliness', 'Attendance: not known', 'Service’s response: pending'],
    });
    expect(by(`questionnaire-${id(21)}`)).toMatchObject({
      title: 'SWEMWBS at review',
      lines: [
        'Metric score: 25.03',
        'Change from baseline in Metric score: +5.78 (19.25 to 25.03), improved (by at least the minimal important difference)',
      ],
    });
    expect(by(`closed-${id(1)}`)).toMatchObject({ title: 'Discharged: goals met' });
  });

  it('names directory services a signpost refers to by id', () => {
    const byId: ReferralRecord = {
      ...record,
      signposts: record.signposts.map((s) => ({ ...s, serviceName: null, serviceId: id(99) })),
    };
    const title = (names?: ReadonlyMap<string, string>) =>
      buildTimeline([byId], reference, instruments, names).find((e) => e.kind === 'signpost')?.title;
    expect(title(new Map([[id(99), 'Men in sheds']]))).toBe('Onward referral to Men in sheds');
    expect(title()).toBe('Onward referral to a directory service');
  });

  it('formats scores and signed changes', () => {
    expect(formatScore(19.254)).toBe('19.25');
    expect(formatScore(7)).toBe('7');
    expect(formatChange(5.78)).toBe('+5.78');
    expect(formatChange(-2)).toBe('-2');
    expect(formatChange(0)).toBe('0');
  });
});
