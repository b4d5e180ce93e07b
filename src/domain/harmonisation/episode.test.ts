import { describe, expect, it } from 'vitest';
import { codeLookup } from '../code-lookup.js';
import { SNOMED_REFERRAL_ACCEPTED, SNOMED_REFERRAL_DECLINED } from '../referrals/referral.js';
import { IssueList } from '../validation.js';
import { checkEpisode, type EpisodeInput } from './episode.js';

const codes = codeLookup({
  referral_status: ['waiting', 'active', 'discharged', 'declined', 'did_not_engage'],
  discharge_reason: ['goals_met', 'other'],
});
const now = new Date('2025-06-01T12:00:00Z');
const referredAt = new Date('2025-01-06T10:00:00Z');

function check(input: EpisodeInput, at: Date | null = referredAt) {
  const issues = new IssueList();
  const episode = checkEpisode(issues, input, at, codes, now);
  return { episode, issues: issues.issues.map((i) => `${i.path} ${i.rule}`) };
}

describe('checkEpisode', () => {
  it('defaults to waiting', () => {
    expect(check({})).toEqual({
      episode: {
        status: 'waiting',
        acceptedAt: null,
        closedAt: null,
        dischargeReason: null,
        snomedCode: null,
      },
      issues: [],
    });
  });

  it('accepts each state the status rules can reach', () => {
    expect(check({ status: 'active', acceptedAt: '2025-01-20T10:00:00Z' }).episode).toMatchObject({
      status: 'active',
      snomedCode: SNOMED_REFERRAL_ACCEPTED,
    });
    expect(
      check({ status: 'discharged', closedAt: '2025-03-31T00:00:00Z', dischargeReason: 'goals_met' }),
    ).toMatchObject({
      episode: { dischargeReason: 'goals_met', closedAt: new Date('2025-03-31T00:00:00Z') },
      issues: [],
    });
    expect(check({ status: 'declined', closedAt: '2025-01-10T00:00:00Z' }).episode.snomedCode).toBe(
      SNOMED_REFERRAL_DECLINED,
    );
    expect(check({ status: 'did_not_engage', closedAt: '2025-02-10T00:00:00Z' })).toMatchObject({
      episode: { snomedCode: null },
      issues: [],
    });
  });

  it('refuses states the status rules cannot reach', () => {
    expect(check({ status: 'paused' }).issues).toEqual(['status unknown_code']);
    expect(check({ status: 'active', closedAt: '2025-03-01T00:00:00Z' }).issues).toEqual([
      'closedAt open_referral',
    ]);
    expect(check({ status: 'discharged', dischargeReason: 'goals_met' }).issues).toEqual([
      'closedAt required',
    ]);
    expect(
      check({ status: 'declined', acceptedAt: '2025-01-07T00:00:00Z', closedAt: '2025-01-08T00:00:00Z' })
        .issues,
    ).toEqual(['acceptedAt not_accepted']);
    expect(check({ status: 'discharged', closedAt: '2025-03-01T00:00:00Z' }).issues).toEqual([
      'dischargeReason required',
    ]);
    expect(
      check({ status: 'did_not_engage', closedAt: '2025-03-01T00:00:00Z', dischargeReason: 'other' }).issues,
    ).toEqual(['dischargeReason discharged_only']);
    expect(
      check({
        status: 'discharged',
        acceptedAt: '2025-01-01T00:00:00Z',
        closedAt: '2025-01-02T00:00:00Z',
        dischargeReason: 'other',
      }).issues,
    ).toEqual(['acceptedAt not_before_referral', 'closedAt not_before_referral']);
    expect(
      check({ status: 'discharged', closedAt: '2025-07-01T00:00:00Z', dischargeReason: 'other' }).issues,
    ).toEqual(['closedAt not_in_future']);
    // A closing date that is not a date is reported once (not also as missing).
    expect(check({ status: 'discharged', closedAt: 'soon', dischargeReason: 'other' }).issues).toEqual([
      'closedAt datetime_format',
    ]);
  });

  it('skips the order checks when the referral date is unknown', () => {
    expect(check({ status: 'active', acceptedAt: '2024-01-01T00:00:00Z' }, null).issues).toEqual([]);
  });
});
