import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvCell, csvText } from './csv-text.js';

describe('csvText', () => {
  it('quotes what needs quoting (RFC 4180) and csv-parse reads it back exactly', () => {
    const cells = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', ' padded ', '', 'naïve café – ok'];
    expect(cells.map(csvCell)).toEqual([
      'plain',
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      '"cr\r\nlf"',
      '" padded "',
      '',
      'naïve café – ok',
    ]);
    const text = csvText(
      ['h1', 'h2'],
      [cells.slice(0, 2), cells.slice(2, 4), cells.slice(4, 6), cells.slice(6, 8)],
    );
    expect(parse(text)).toEqual([
      ['h1', 'h2'],
      cells.slice(0, 2),
      cells.slice(2, 4),
      cells.slice(4, 6),
      cells.slice(6, 8),
    ]);
  });

  it('can start with a byte-order mark for spreadsheets', () => {
    expect(csvText(['a'], [], { bom: true })).toBe('\uFEFFa\r\n');
    expect(parse(csvText(['a'], [['1']], { bom: true }), { bom: true })).toEqual([['a'], ['1']]);
  });
});
