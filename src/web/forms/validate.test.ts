import { describe, expect, it } from 'vitest';
import { validateContact } from '../../domain/contacts/contact.js';
import { codeLookup } from '../../domain/code-lookup.js';
import { ContactCreateSchema } from '../../server/contacts/contact.schema.js';
import { PersonCreateSchema } from '../../server/people/person.schema.js';
import { byPath, checkBody, fieldId, pathOf } from './validate.js';

describe('form checks', () => {
  it('names zod paths as form fields', () => {
    expect(pathOf(['answers', 3])).toBe('answers[3]');
    expect(pathOf(['ethnicity', 'code'])).toBe('ethnicity.code');
    expect(pathOf([])).toBe('');
    expect(fieldId('answers[3]')).toBe('f-answers-3-');
  });

  it('reports shape problems from the API schema in the domain words', () => {
    const r = checkBody(PersonCreateSchema, {
      givenName: 'x'.repeat(201),
      familyName: 'Ng',
      dateOfBirth: '1970-01-01',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(byPath(r.issues)).toEqual({
      givenName: 'must be at most 200 characters',
      schemeId: 'is required',
    });
  });

  it('then applies the domain rules with the reference lists', () => {
    const codes = codeLookup({ contact_mode: ['telephone'], contact_outcome: ['attended'] });
    const now = new Date('2026-01-10T12:00:00Z');
    const referral = { referredAt: new Date('2026-01-05T09:00:00Z') };
    const check = (body: unknown) =>
      checkBody(ContactCreateSchema, body, (v) =>
        validateContact({ ...v, referralId: 'r' }, codes, now, referral),
      );
    const bad = check({ contactAt: '2026-01-01T10:00:00Z', mode: 'carrier_pigeon' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(byPath(bad.issues)).toEqual({
        contactAt: 'must not be before the referral was made (2026-01-05T09:00:00.000Z)',
        mode: '"carrier_pigeon" is not in the contact_mode list',
      });
    }
    const good = check({ contactAt: '2026-01-06T10:00:00Z', mode: 'telephone', outcome: 'attended' });
    expect(good).toEqual({
      ok: true,
      value: { contactAt: '2026-01-06T10:00:00Z', mode: 'telephone', outcome: 'attended' },
    });
  });

  it('accepts plain issue lists from a domain check', () => {
    const r = checkBody(ContactCreateSchema, { contactAt: 'x', mode: 'y' }, () => [
      { path: 'mode', rule: 'r', message: 'is wrong' },
    ]);
    expect(r).toEqual({ ok: false, issues: [{ path: 'mode', rule: 'r', message: 'is wrong' }] });
  });
});
