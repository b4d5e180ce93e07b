import { describe, expect, it } from 'vitest';
import { makeReference } from './reference.js';

describe('reference lists in the web app', () => {
  const ref = makeReference({
    lists: {
      contact_mode: [
        { code: 'face_to_face', label: 'Face to face', active: true },
        { code: 'fax', label: 'Fax', active: false },
        { code: 'telephone', label: 'Telephone', active: true },
      ],
    },
  });

  it('offers active codes in order and labels every recorded code', () => {
    expect(ref.options('contact_mode')).toEqual([
      { value: 'face_to_face', label: 'Face to face' },
      { value: 'telephone', label: 'Telephone' },
    ]);
    expect(ref.options('no_such_list')).toEqual([]);
    expect(ref.label('contact_mode', 'fax')).toBe('Fax');
    expect(ref.label('contact_mode', 'unknown')).toBe('unknown');
    expect(ref.label('contact_mode', null)).toBe('');
  });

  it('accepts only active codes, as the server does', () => {
    expect(ref.codes.has('contact_mode', 'telephone')).toBe(true);
    expect(ref.codes.has('contact_mode', 'fax')).toBe(false);
    expect(ref.codes.has('other', 'telephone')).toBe(false);
  });
});
