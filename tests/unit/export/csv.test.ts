import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, exportCsv } from '../../../server/domain/export/csv';
import type { ExportRecord } from '../../../server/domain/export/types';
import { parseDelimited } from '../../../server/domain/import/delimited';
import { emptyRecord } from '../../../server/domain/import/types';

const record = (overrides: Partial<ExportRecord>): ExportRecord => ({
  ...emptyRecord(),
  id: 1,
  duplicateOf: null,
  sourceName: 'Scopus',
  sourceFormat: 'ris',
  ...overrides,
});

describe('exportCsv()', () => {
  it('starts with the contract columns, id first and duplicate_of included', () => {
    expect(CSV_COLUMNS.slice(0, 3)).toEqual(['id', 'source', 'source_id']);
    for (const column of ['title', 'authors', 'year', 'journal', 'doi', 'abstract', 'duplicate_of'])
      expect(CSV_COLUMNS).toContain(column);
    expect(exportCsv([]).split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
  });

  it('writes one row per record, duplicates included, with duplicate_of holding the kept record id', () => {
    const csv = exportCsv([
      record({
        id: 7,
        sourceId: 'A1',
        title: 'Kept',
        authors: ['Doe, Jane', 'Roe, R'],
        year: 2020,
        doi: '10.1/x',
        keywords: ['k1', 'k2'],
      }),
      record({ id: 9, sourceId: 'B2', title: 'Kept', duplicateOf: 7, sourceName: 'PubMed' }),
    ]);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      id: '7',
      source: 'Scopus',
      source_id: 'A1',
      title: 'Kept',
      authors: 'Doe, Jane; Roe, R',
      year: '2020',
      doi: '10.1/x',
      keywords: 'k1; k2',
      duplicate_of: '',
    });
    expect(rows[1]).toMatchObject({
      id: '9',
      source: 'PubMed',
      source_id: 'B2',
      duplicate_of: '7',
      year: '',
    });
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
  });

  it('quotes by RFC 4180 and reads back through our own CSV reader', () => {
    const tricky = record({
      title: 'Comma, "quotes" and\nnew line',
      authors: ['van der Berg, Jan'],
      abstract: 'Line 1\r\nLine 2',
      keywords: ['a', 'b; c'],
    });
    const csv = exportCsv([tricky]);
    expect(csv).toContain('"Comma, ""quotes"" and\nnew line"');
    const { records } = parseDelimited(csv, 'export.csv');
    expect(records[0]!.title).toBe('Comma, "quotes" and new line');
    expect(records[0]!.raw).toContainEqual(['abstract', 'Line 1\r\nLine 2']);
  });

  it('defuses formulas through the shared writer', () => {
    const csv = exportCsv([record({ title: '=HYPERLINK("http://evil")', journal: '-1' })]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv.split('\r\n')[1]).toContain(',-1,');
  });
});
