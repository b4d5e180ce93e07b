import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../domain/errors.js';
import { HTTP_STATUS } from './errors.js';

const doc = readFileSync(resolve(import.meta.dirname, '../../docs/errors.md'), 'utf8');

describe('docs/errors.md', () => {
  it.each(ERROR_CODES)('documents %s with its HTTP status', (code) => {
    expect(doc).toContain(`<a id="${code}"></a>${code} (HTTP ${HTTP_STATUS[code]})`);
  });
});
