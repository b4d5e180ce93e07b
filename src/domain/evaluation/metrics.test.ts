import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import {
  ageBand,
  comparabilityWarnings,
  deprivationQuintile,
  ethnicGroup,
  intensityBand,
  validateReportRequest,
} from './metrics.js';

function issuesOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return (e.details?.issues ?? []).map((i) => `${i.path}:${i.rule}`);
  }
  return [];
}

describe('intensity bands (issue #8 defaults: 1, 2-6, more than 6)', () => {
  it('bands episodes by attended contacts', () => {
    expect([0, 1, 2, 6, 7, 30].map((n) => intensityBand(n))).toEqual([
      'none',
      'light',
      'short',
      'short',
      'extended',
      'extended',
    ]);
    expect(intensityBand(3, { lightMax: 3, shortMax: 10 })).toBe('light');
  });
});

describe('age bands, ethnic groups and deprivation quintiles', () => {
  it('bands ages', () => {
    expect([0, 17, 18, 24, 25, 64, 65, 84, 85, 104].map(ageBand)).toEqual([
      '0-17',
      '0-17',
      '18-24',
      '18-24',
      '25-34',
      '55-64',
      '65-74',
      '75-84',
      '85+',
      '85+',
    ]);
    expect(ageBand(-1)).toBe('unknown');
  });
  it('groups England and Scotland ethnic category codes', () => {
    expect(['A', 'D', 'H', 'M', 'R', 'Z', '1A', '2A', '3F', '4D', '5C', '6Z'].map(ethnicGroup)).toEqual([
      'white',
      'mixed',
      'asian',
      'black',
      'other',
      'not_stated',
      'white',
      'mixed',
      'asian',
      'black',
      'black',
      'other',
    ]);
    expect(ethnicGroup(null)).toBe('not_recorded');
    expect(ethnicGroup('')).toBe('not_recorded');
  });
  it('maps deciles to quintiles', () => {
    expect([1, 2, 3, 9, 10].map(deprivationQuintile)).toEqual([1, 1, 2, 5, 5]);
    expect(deprivationQuintile(null)).toBeNull();
  });
});

describe('validateReportRequest', () => {
  it('accepts a request and applies default bands', () => {
    expect(
      validateReportRequest({ set: 'activity', by: ['model'], from: '2025-04-01', to: '2026-03-31' }),
    ).toEqual({
      set: 'activity',
      by: ['model'],
      from: '2025-04-01',
      to: '2026-03-31',
      bands: { lightMax: 1, shortMax: 6 },
    });
  });
  it('always groups data quality by scheme', () => {
    expect(validateReportRequest({ set: 'data-quality', from: '2025-04-01', to: '2025-04-01' }).by).toEqual([
      'scheme',
    ]);
  });
  it('names each bad field and rule', () => {
    expect(
      issuesOf(() =>
        validateReportRequest({
          set: 'equity',
          by: ['model', 'model', 'nope', 'month'],
          from: '2025-02-30',
          to: 'x',
          lightMax: 0,
          shortMax: 0,
        }),
      ),
    ).toEqual([
      'by.1:unique',
      'by.2:one_of',
      'by:equity_dimension',
      'from:date',
      'to:date',
      'lightMax:positive_integer',
      'shortMax:greater_than_light',
    ]);
    expect(issuesOf(() => validateReportRequest({ set: 'x', from: '2025-01-01', to: '2025-01-01' }))).toEqual(
      ['set:one_of'],
    );
    expect(
      issuesOf(() =>
        validateReportRequest({
          set: 'activity',
          by: ['model', 'month', 'sex'],
          from: '2025-02-01',
          to: '2025-01-01',
        }),
      ),
    ).toEqual(['by:max_items', 'to:not_before_from']);
  });
});

describe('comparabilityWarnings', () => {
  it('flags small groups, few pairs and low outcome completion', () => {
    expect(
      comparabilityWarnings({ received: 29, pairs: 9, discharged: 10, dischargedWithOutcomes: 4 }).map(
        (w) => w.code,
      ),
    ).toEqual(['small_group', 'few_pairs', 'low_outcome_completion']);
    expect(
      comparabilityWarnings({ received: 30, pairs: 10, discharged: 10, dischargedWithOutcomes: 5 }),
    ).toEqual([]);
    expect(comparabilityWarnings({ discharged: 0, dischargedWithOutcomes: 0 })).toEqual([]);
    expect(comparabilityWarnings({})).toEqual([]);
  });
});
