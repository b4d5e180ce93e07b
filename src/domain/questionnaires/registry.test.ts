import { describe, expect, it } from 'vitest';
import { BUILT_IN_INSTRUMENTS, findBuiltInInstrument } from './registry.js';

describe('built-in registry', () => {
  it('lists the seven built-ins with unique ids and rules versions', () => {
    expect(BUILT_IN_INSTRUMENTS.map((d) => d.id)).toEqual([
      'ons4',
      'wemwbs',
      'swemwbs',
      'ucla3',
      'ons-loneliness',
      'phq9',
      'gad7',
    ]);
    expect(new Set(BUILT_IN_INSTRUMENTS.map((d) => d.rulesVersion)).size).toBe(7);
  });

  it('every rules version starts with <id>-<version>/', () => {
    for (const d of BUILT_IN_INSTRUMENTS) {
      expect(d.rulesVersion.startsWith(`${d.id}-${d.version}/`)).toBe(true);
    }
  });

  it('ships wording only where the licence note says so', () => {
    for (const d of BUILT_IN_INSTRUMENTS) {
      expect(d.items.some((i) => i.wording !== undefined)).toBe(d.licence.wordingShipped);
    }
  });

  it('finds by id, case-insensitively, and returns undefined for unknown ids', () => {
    expect(findBuiltInInstrument(' SWEMWBS ')?.id).toBe('swemwbs');
    expect(findBuiltInInstrument('eq5d')).toBeUndefined();
  });
});
