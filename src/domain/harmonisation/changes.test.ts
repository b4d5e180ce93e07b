import { describe, expect, it } from 'vitest';
import { changedColumns } from './changes.js';

describe('changedColumns', () => {
  it('compares values, instants and sets', () => {
    const current = {
      a: 'x',
      b: new Date('2025-01-01T00:00:00Z'),
      c: ['loneliness', 'housing'],
      d: null,
      e: 3,
      f: true,
    };
    expect(
      changedColumns(current, {
        a: 'x',
        b: new Date('2025-01-01T00:00:00.000Z'),
        c: ['housing', 'loneliness'],
        d: null,
        e: 3,
        f: true,
      }),
    ).toEqual([]);
    expect(
      changedColumns(current, {
        a: 'y',
        b: new Date('2025-01-02T00:00:00Z'),
        c: ['housing'],
        d: 'now set',
        e: 4,
        f: false,
        g: null,
      }),
    ).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(changedColumns({ b: '2025-01-01', c: 'housing' }, { b: new Date(0), c: ['housing'] })).toEqual([
      'b',
      'c',
    ]);
    expect(changedColumns({ c: ['a', 'b'] }, { c: ['a', 'c'] })).toEqual(['c']);
    expect(changedColumns({ c: ['a'] }, { c: 'a' })).toEqual(['c']);
  });
});
