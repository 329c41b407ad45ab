import { writeXlsx, columnName } from '../../../server/domain/export/xlsx';
import { crc32 } from '../../../server/domain/export/zip-write';
import { sheetRows } from '../../../server/domain/import/xlsx';
import { readZipEntry, zipEntries } from '../../../server/domain/import/zip';
import { parseXlsx } from '../../../server/domain/import/xlsx';

/** The first sheet's cells, read back by Sift's own XLSX reader. */
function readBack(bytes: Uint8Array): string[][] {
  const entries = zipEntries(bytes);
  const sheet = new TextDecoder().decode(readZipEntry(bytes, entries.get('xl/worksheets/sheet1.xml')!, 1e8));
  return sheetRows(sheet, []).map((r) => r.cells);
}

describe('writeXlsx()', () => {
  it('writes a workbook our reader reads back cell for cell', () => {
    const header = ['id', 'title', 'year', 'notes'];
    const rows = [
      [1, 'Statins & "memory" <in> adults', 2019, 'alice (2026-03-01): line one\nline two'],
      [2, '=HYPERLINK("http://evil")', null, '+1 -2 @3'],
      [3, 'tab\there, bell\u0007, and a literal _x0041_', 2020, ''],
      [4, 'Zoë Ångström 日本語 🙂', 2021, undefined],
    ];
    const cells = readBack(writeXlsx('Records', header, rows));
    expect(cells).toEqual([
      header,
      ['1', 'Statins & "memory" <in> adults', '2019', 'alice (2026-03-01): line one\nline two'],
      // a formula stays text: it is an inline string, never <f>
      ['2', '=HYPERLINK("http://evil")', '', '+1 -2 @3'],
      ['3', 'tab\there, bell\u0007, and a literal _x0041_', '2020'],
      ['4', 'Zoë Ångström 日本語 🙂', '2021'],
    ]);
  });

  it('never writes a formula, and numbers as numbers', () => {
    const bytes = writeXlsx('Records', ['a'], [['=1+1'], [42]]);
    const sheet = new TextDecoder().decode(
      readZipEntry(bytes, zipEntries(bytes).get('xl/worksheets/sheet1.xml')!, 1e8),
    );
    expect(sheet).not.toContain('<f>');
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">=1+1</t></is></c>');
    expect(sheet).toContain('<c r="A3"><v>42</v></c>');
  });

  it('is a workbook the import reads as a table (the first sheet through the relationships)', () => {
    const bytes = writeXlsx('Records', ['Title', 'Year', 'DOI'], [['A study of statins', 2019, '10.1234/x']]);
    const { records } = parseXlsx(bytes, 'export.xlsx');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ title: 'A study of statins', year: 2019, doi: '10.1234/x' });
  });

  it('cuts a cell at Excel’s limit of 32,767 characters', () => {
    const [, row] = readBack(writeXlsx('R', ['x'], [['y'.repeat(40_000)]]));
    expect(row![0]!.length).toBe(32_767);
    expect(row![0]!.endsWith('…')).toBe(true);
  });

  it('gives the same bytes for the same table (fixed timestamps)', () => {
    const a = writeXlsx('R', ['x'], [['y']]);
    const b = writeXlsx('R', ['x'], [['y']]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

it.each([
  [0, 'A'],
  [25, 'Z'],
  [26, 'AA'],
  [701, 'ZZ'],
  [702, 'AAA'],
])('columnName(%i) = %s', (index, name) => {
  expect(columnName(index)).toBe(name);
});

it('crc32 is the IEEE CRC-32 ("123456789" → CBF43926)', () => {
  expect(crc32(new TextEncoder().encode('123456789')).toString(16)).toBe('cbf43926');
});
