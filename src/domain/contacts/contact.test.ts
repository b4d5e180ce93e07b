import { describe, expect, it } from 'vitest';
import { codeLookup } from '../code-lookup.js';
import { validateContact } from './contact.js';

const codes = codeLookup({
  contact_mode: ['face_to_face', 'telephone'],
  location_type: ['gp_practice'],
  contact_outcome: ['attended', 'did_not_attend'],
});
const NOW = new Date('2025-06-01T12:00:00Z');
const referral = { referredAt: new Date('2025-05-01T09:00:00Z') };

describe('validateContact', () => {
  it('accepts a valid contact and defaults the outcome to attended', () => {
    const r = validateContact(
      {
        referralId: 'r',
        contactAt: '2025-05-02T10:00:00Z',
        mode: 'telephone',
        durationMinutes: 30,
        locationType: 'gp_practice',
      },
      codes,
      NOW,
      referral,
    );
    expect(r).toMatchObject({ kind: 'valid', value: { outcome: 'attended', durationMinutes: 30 } });
  });

  it('rejects a contact before its referral, and other bad fields', () => {
    const r = validateContact(
      {
        referralId: 'r',
        contactAt: '2025-04-30T10:00:00Z',
        mode: 'carrier_pigeon',
        durationMinutes: 1441,
        outcome: 'maybe',
        locationType: 'moon',
        contactType: 'x'.repeat(151),
        notes: 'n'.repeat(2001),
      },
      codes,
      NOW,
      referral,
    );
    expect(r.kind === 'invalid' ? r.issues.map((i) => `${i.path}:${i.rule}`) : []).toEqual([
      'contactAt:not_before_referral',
      'mode:unknown_code',
      'durationMinutes:range',
      'locationType:unknown_code',
      'outcome:unknown_code',
      'contactType:max_length',
      'notes:max_length',
    ]);
  });

  it('rejects a future contact and a missing time', () => {
    const future = validateContact(
      { referralId: 'r', contactAt: '2025-06-02T10:00:00Z', mode: 'telephone' },
      codes,
      NOW,
      referral,
    );
    expect(future.kind === 'invalid' ? future.issues[0]?.rule : '').toBe('not_in_future');
    const missing = validateContact({ referralId: 'r', contactAt: '', mode: '' }, codes, NOW, referral);
    expect(missing.kind === 'invalid' ? missing.issues.map((i) => i.rule) : []).toEqual([
      'required',
      'required',
    ]);
  });
});
