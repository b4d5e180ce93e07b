import { describe, expect, it } from 'vitest';
import { QUALITY_CHECKS, QUALITY_COUNT_KEYS, scorecard, type QualityCounts } from './data-quality.js';

const zero = Object.fromEntries(QUALITY_COUNT_KEYS.map((k) => [k, 0])) as unknown as QualityCounts;

describe('scorecard', () => {
  it('has no scores when there is nothing to check', () => {
    const card = scorecard(zero);
    expect(card.checks.every((c) => c.share === null)).toBe(true);
    expect(card.scores).toEqual({
      completeness: null,
      validity: null,
      timeliness: null,
      consistency: null,
      coverage: null,
      overall: null,
    });
  });

  it('averages checks within a domain and domains overall, skipping empty checks', () => {
    const card = scorecard({
      ...zero,
      referrals: 10,
      accepted: 4,
      identifier: 10,
      sex: 5,
      validAge: 10,
      referralsOnTime: 2,
      inconsistent: 1,
      baselineCoverage: 1,
    });
    const referralCompleteness = QUALITY_CHECKS.filter(
      ([, , d, , , of]) => d === 'completeness' && of({ ...zero, referrals: 1, accepted: 1 }) > 0,
    );
    expect(referralCompleteness.length).toBeGreaterThan(0);
    const shares = card.checks
      .filter((c) => c.domain === 'completeness' && c.share !== null)
      .map((c) => c.share!);
    expect(card.scores.completeness).toBeCloseTo(shares.reduce((a, b) => a + b, 0) / shares.length, 12);
    expect(card.scores.validity).toBe(1);
    expect(card.scores.timeliness).toBe(0.2);
    expect(card.scores.consistency).toBe(0.9);
    expect(card.scores.coverage).toBe(0.25);
    const domains = [card.scores.completeness!, 1, 0.2, 0.9, 0.25];
    expect(card.scores.overall).toBeCloseTo(domains.reduce((a, b) => a + b, 0) / 5, 12);
    expect(card.checks.find((c) => c.key === 'gpPractice')).toMatchObject({
      prsb: 'M',
      met: 0,
      of: 10,
      share: 0,
    });
  });
});
