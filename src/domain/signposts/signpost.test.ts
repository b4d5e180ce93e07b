import { describe, expect, it } from 'vitest';
import { codeLookup } from '../code-lookup.js';
import { validateSignpost, type SignpostInput } from './signpost.js';

const codes = codeLookup({
  signpost_kind: ['signpost', 'onward_referral'],
  need: ['loneliness', 'housing'],
  attendance: ['attended', 'did_not_attend', 'not_known'],
});
const TODAY = '2025-06-01';
const referral = { referredAt: new Date('2025-05-01T09:00:00Z') };
const base: SignpostInput = { referralId: 'r', serviceId: 's', signpostedOn: '2025-05-02' };
const rules = (input: SignpostInput): string[] => {
  const r = validateSignpost(input, codes, TODAY, referral);
  return r.kind === 'invalid' ? r.issues.map((i) => `${i.path}:${i.rule}`) : [];
};

describe('validateSignpost', () => {
  it('accepts a signpost to a directory service with the defaults (signpost, attendance not known, no response)', () => {
    expect(validateSignpost(base, codes, TODAY, referral)).toEqual({
      kind: 'valid',
      value: {
        referralId: 'r',
        kind: 'signpost',
        serviceId: 's',
        serviceName: null,
        signpostedOn: '2025-05-02',
        reasonNeed: null,
        reasonText: null,
        attendance: 'not_known',
        response: null,
        staffId: null,
      },
    });
  });

  it('starts an onward referral as pending and keeps a given response and the other fields', () => {
    const pending = validateSignpost({ ...base, kind: 'onward_referral' }, codes, TODAY, referral);
    expect(pending).toMatchObject({ kind: 'valid', value: { kind: 'onward_referral', response: 'pending' } });
    const accepted = validateSignpost(
      {
        referralId: 'r',
        kind: 'onward_referral',
        serviceName: '  Pilton Men’s Shed ',
        signpostedOn: '2025-05-01',
        reasonNeed: 'loneliness',
        reasonText: 'Wants company',
        attendance: 'attended',
        response: 'accepted',
        staffId: 'st',
      },
      codes,
      TODAY,
      referral,
    );
    expect(accepted).toMatchObject({
      kind: 'valid',
      value: {
        serviceId: null,
        serviceName: 'Pilton Men’s Shed',
        reasonNeed: 'loneliness',
        attendance: 'attended',
        response: 'accepted',
        staffId: 'st',
      },
    });
  });

  it('needs a service by id or by name', () => {
    expect(rules({ referralId: 'r', serviceName: '   ', signpostedOn: '2025-05-02' })).toEqual([
      'serviceId:required',
    ]);
  });

  it('refuses a response on a plain signpost, and an unknown response on an onward referral', () => {
    expect(rules({ ...base, response: 'accepted' })).toEqual(['response:onward_referral_only']);
    expect(rules({ ...base, kind: 'onward_referral', response: 'maybe' })).toEqual(['response:unknown_code']);
  });

  it('refuses dates in the future, before the referral day, or missing, and unknown codes', () => {
    expect(rules({ ...base, signpostedOn: '2025-06-02' })).toEqual(['signpostedOn:not_in_future']);
    expect(rules({ ...base, signpostedOn: '2025-04-30' })).toEqual(['signpostedOn:not_before_referral']);
    expect(rules({ ...base, signpostedOn: '' })).toEqual(['signpostedOn:required']);
    expect(
      rules({
        ...base,
        kind: 'leaflet',
        reasonNeed: 'boredom',
        attendance: 'sometimes',
        reasonText: 'x'.repeat(151),
        serviceName: 'y'.repeat(151),
      }),
    ).toEqual([
      'kind:unknown_code',
      'serviceName:max_length',
      'reasonNeed:unknown_code',
      'reasonText:max_length',
      'attendance:unknown_code',
    ]);
  });
});
