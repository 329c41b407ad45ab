import { ParseError } from '../../../server/domain/errors';
import { parseFile } from '../../../server/domain/import';
import { sheetRows } from '../../../server/domain/import/xlsx';
import { cpuMsSince } from '../../support/cpu-time';
import { fixtureBytes, parseFixture } from './fixtures';

describe('parseFile() on an Excel workbook', () => {
  it('reads the first sheet of the Lens.org baseline (.xlsx from Numbers) with the CSV column table', () => {
    const result = parseFixture('xlsx/_baseline.xlsx');
    expect(result.format).toBe('xlsx');
    expect(result.records).toHaveLength(100);
    // The sheet has a title row ("_baseline") above the header.
    expect(result.warnings).toEqual([
      { line: 1, record: null, message: '1 row(s) above the header row were skipped' },
    ]);
    const first = result.records[0]!;
    expect(first.sourceId).toBe('000-463-679-101-319');
    expect(first.title).toMatch(/^The Value of Radiologic Interventions and 18 F-DOPA PET/);
    expect(first.authors[0]).toBe('Björn A. Blomberg');
    expect(first.year).toBe(2012);
    expect(first.journal).toBe('Molecular imaging and biology');
    expect(first.pages).toBe('97-105');
    expect(first.doi).toBe('10.1007/s11307-012-0572-0');
    expect(first.raw[0]).toEqual(['Lens ID', '000-463-679-101-319']);
  });

  it('gives the same normalised fields as the CSV export of the same records', () => {
    const strip = (records: ReturnType<typeof parseFixture>['records']) =>
      records.map(({ raw: _raw, ...fields }) => fields);
    expect(strip(parseFixture('xlsx/_baseline.xlsx').records)).toEqual(
      strip(parseFixture('delimited/_baseline.csv').records),
    );
  });

  it('refuses a truncated workbook with a clear reason', () => {
    const bytes = fixtureBytes('xlsx/_baseline.xlsx');
    const cut = bytes.subarray(0, Math.floor(bytes.length / 2));
    expect(() => parseFile(cut, 'cut.xlsx')).toThrow(ParseError);
    expect(() => parseFile(cut, 'cut.xlsx')).toThrow(/^cut\.xlsx: not a readable \.xlsx workbook/);
  });
});

describe('parseXlsx() on damaged sheets', () => {
  it('ignores a cell whose reference lies past the last Excel column instead of allocating it', () => {
    const started = process.cpuUsage();
    const rows = sheetRows(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c><c r="ZZZZZZZZ1" t="inlineStr"><is><t>x</t></is></c></row>',
      [],
    );
    expect(rows).toEqual([{ cells: ['Title'], line: 1 }]);
    expect(
      sheetRows('<row r="2"><c r="C2" t="s"><v>1</v></c><c r="A2"><v>2012</v></c></row>', [
        'zero',
        'one &amp; two',
      ]),
    ).toEqual([{ cells: ['2012', '', 'one &amp; two'], line: 2 }]);
    expect(cpuMsSince(started)).toBeLessThan(1000);
  });
});
