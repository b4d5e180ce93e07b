import { describe, expect, it } from 'vitest';
import { errorFromReply, fieldPath } from './client.js';

describe('API client errors', () => {
  it('turns request-schema and domain issue paths into form field names', () => {
    expect(fieldPath('body.givenName')).toBe('givenName');
    expect(fieldPath('body.answers.3')).toBe('answers[3]');
    expect(fieldPath('answers[3]')).toBe('answers[3]');
    expect(fieldPath('ethnicity.code')).toBe('ethnicity.code');
    expect(fieldPath('body.needs.0.code')).toBe('needs[0].code');
    expect(fieldPath('body')).toBe('');
    expect(fieldPath('querystring.name')).toBe('name');
  });

  it('reads the one error body: code, message, issues by field, and other details', () => {
    const e = errorFromReply(409, {
      error: {
        code: 'conflict',
        message: 'A person with the same family name and date of birth is already recorded',
        details: {
          issues: [{ path: 'familyName', rule: 'possible_duplicate', message: 'may be a duplicate' }],
          candidates: [{ id: 'p1' }],
        },
      },
    });
    expect(e.status).toBe(409);
    expect(e.code).toBe('conflict');
    expect(e.issues).toEqual([
      { path: 'familyName', rule: 'possible_duplicate', message: 'may be a duplicate' },
    ]);
    expect(e.details).toEqual({ candidates: [{ id: 'p1' }] });
  });

  it('copes with errors without details and with replies that are not the error shape', () => {
    const plain = errorFromReply(401, { error: { code: 'unauthenticated', message: 'Sign in to continue' } });
    expect(plain.code).toBe('unauthenticated');
    expect(plain.issues).toEqual([]);
    const odd = errorFromReply(502, '<html>Bad gateway</html>');
    expect(odd.code).toBe('bad_response');
    expect(odd.status).toBe(502);
  });
});
