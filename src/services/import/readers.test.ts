// The workbook reader finds every sheet of a workbook whatever the order of the parts in its zip,
// every time (ExcelJS's own zip stream could drop the last part: see extractSheets), in tab order,
// and refuses a file that is not a workbook with an error naming the rule.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFile, extractSheets } from './readers.js';

const TEMPLATE = resolve(import.meta.dirname, '../../../profiles/templates/linkwork-template.xlsx');
const work = mkdtempSync(join(tmpdir(), 'linkwork-readers-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

let n = 0;
const fresh = (): string => {
  n += 1;
  const dir = join(work, `run-${n}`);
  rmSync(dir, { recursive: true, force: true });
  return mkdtempSync(`${dir}-`);
};

const lines = (path: string): { rowNo: number; cells: string[] }[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { rowNo: number; cells: string[] });

describe('extractSheets', () => {
  it('reads every sheet of a workbook whose xl/workbook.xml is the last zip entry, 100 times alike', async () => {
    const file = await describeFile(TEMPLATE);
    const seen = new Set<string>();
    let last = 0;
    for (let i = 0; i < 100; i++) {
      const { names, sheets } = await extractSheets(
        file,
        () => true,
        fresh(),
        (b) => (last = b),
      );
      seen.add(JSON.stringify([names, sheets.map((s) => lines(s.path).length)]));
    }
    expect([...seen]).toEqual([
      JSON.stringify([
        ['Read me', 'People', 'Referrals', 'Contacts'],
        [46, 4, 4, 5],
      ]),
    ]);
    expect(last).toBe(file.size);
  });

  it('gives sheets in tab order and copies out only the wanted ones, cell by cell', async () => {
    const workbook = new ExcelJS.Workbook();
    const second = workbook.addWorksheet('Second');
    const first = workbook.addWorksheet('First');
    // Tab order differs from the order the sheets were added (ExcelJS's typings omit orderNo).
    (first as unknown as { orderNo: number }).orderNo = 0;
    (second as unknown as { orderNo: number }).orderNo = 1;
    first.addRow(['nhs_number', 'seen', 'count']);
    first.addRow(['9434765919', new Date(Date.UTC(2026, 10, 3)), 4]);
    second.addRow(['ignored']);
    const path = join(work, 'order.xlsx');
    await workbook.xlsx.writeFile(path);

    const { names, sheets } = await extractSheets(
      await describeFile(path),
      (name) => name === 'First',
      fresh(),
    );
    expect(names).toEqual(['First', 'Second']);
    expect(sheets.map((s) => s.name)).toEqual(['First']);
    expect(lines(sheets[0]?.path ?? '')).toEqual([
      { rowNo: 1, cells: ['nhs_number', 'seen', 'count'] },
      { rowNo: 2, cells: ['9434765919', '2026-11-03', '4'] },
    ]);
  });

  it('refuses a file that is not a workbook, naming the rule', async () => {
    const path = join(work, 'not-a-workbook.xlsx');
    writeFileSync(path, 'name,age\nAnn,40\n');
    await expect(extractSheets(await describeFile(path), () => true, fresh())).rejects.toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'file', rule: 'xlsx_format' }] },
    });
  });
});
