import { describe, expect, it } from 'vitest';
import { codeLookup } from '../code-lookup.js';
import { withCurrentCodes } from './current-codes.js';

describe('withCurrentCodes', () => {
  it('accepts active codes and the codes the record already holds, and nothing else', () => {
    const codes = withCurrentCodes(codeLookup({ contact_mode: ['telephone'] }), [
      ['contact_mode', 'fax'],
      ['location_type', null],
    ]);
    expect(codes.has('contact_mode', 'telephone')).toBe(true);
    expect(codes.has('contact_mode', 'fax')).toBe(true);
    expect(codes.has('location_type', 'fax')).toBe(false);
    expect(codes.has('contact_mode', 'video')).toBe(false);
  });
});
