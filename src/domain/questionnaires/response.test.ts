import { describe, expect, it } from 'vitest';
import { codeLookup } from '../code-lookup.js';
import { findBuiltInInstrument } from './registry.js';
import { assessResponse, type ResponseInput } from './response.js';

const codes = codeLookup({ timepoint: ['baseline', 'review'] });
const TODAY = '2025-06-01';
const referral = { referredAt: new Date('2025-05-01T09:00:00Z') };
const swemwbs: ResponseInput = {
  instrumentId: 'swemwbs',
  timepoint: 'baseline',
  administeredOn: '2025-05-01',
  answers: [3, 3, 3, 3, 3, 3, 3],
};
const assess = (input: ResponseInput) => assessResponse(input, codes, TODAY, referral, findBuiltInInstrument);
const rules = (input: ResponseInput): string[] => {
  const r = assess(input);
  return r.kind === 'invalid' ? r.issues.map((i) => `${i.path}:${i.rule}`) : [];
};

describe('assessResponse', () => {
  it('scores a complete SWEMWBS with the engine and keeps the canonical instrument id', () => {
    const r = assess({ ...swemwbs, instrumentId: ' SWEMWBS ' });
    expect(r.kind).toBe('valid');
    if (r.kind !== 'valid') return;
    expect(r.value.definition.id).toBe('swemwbs');
    expect(r.value).toMatchObject({ timepoint: 'baseline', administeredOn: '2025-05-01' });
    expect(r.value.result).toMatchObject({
      kind: 'scored',
      rulesVersion: 'swemwbs-1.0/rasch-2009',
      scores: [
        { measure: 'raw', value: 21 },
        { measure: 'metric', value: 19.25 },
      ],
    });
  });

  it('keeps a partial questionnaire as incomplete with the missing items', () => {
    const r = assess({ ...swemwbs, answers: [3, null, 3] });
    expect(r.kind === 'valid' ? r.value.result : null).toMatchObject({
      kind: 'incomplete',
      missingItems: [2, 4, 5, 6, 7],
    });
  });

  it('names each unscorable answer by its index and the engine rule, with the field issues', () => {
    expect(rules({ ...swemwbs, timepoint: 'later', answers: [3, 6, 2.5, 3, 3, 3, 3, 1] })).toEqual([
      'timepoint:unknown_code',
      'answers[1]:out_of_range',
      'answers[2]:integer',
      'answers[7]:unexpected_answer',
    ]);
  });

  it('refuses an unknown instrument (answers cannot be checked), and dates in the future or before the referral', () => {
    expect(rules({ ...swemwbs, instrumentId: 'eq5d', answers: [99] })).toEqual(['instrumentId:unknown_code']);
    expect(rules({ ...swemwbs, administeredOn: '2025-06-02' })).toEqual(['administeredOn:not_in_future']);
    expect(rules({ ...swemwbs, administeredOn: '2025-04-30' })).toEqual([
      'administeredOn:not_before_referral',
    ]);
    expect(rules({ ...swemwbs, administeredOn: '', timepoint: '' })).toEqual([
      'timepoint:required',
      'administeredOn:required',
    ]);
  });
});
