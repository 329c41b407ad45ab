import { ParseError } from '../../../server/domain/errors';
import { parseFile } from '../../../server/domain/import';
import { MAX_XML_DEPTH } from '../../../server/domain/import/xml';
import { cpuMsSince } from '../../support/cpu-time';
import { hostileCase } from '../../support/hostile-files';
import { workbook } from '../../support/zip';

/**
 * Issue 15: small files that made a reader quadratic. Each is read at a size where the old
 * reader took 30 s or more (measured: `npm run bench:hostile` documents the growth); the
 * readers now answer in well under a second of CPU, so the generous bound only fails on a reader that
 * has become quadratic again. The outcome (which error, which records) is checked too.
 */
const BOUND_MS = 10_000;

function read(
  name: string,
  n: number,
): { result?: ReturnType<typeof parseFile>; error?: ParseError; ms: number } {
  const c = hostileCase(name);
  const bytes = c.build(n);
  const started = process.cpuUsage();
  try {
    const result = parseFile(bytes, c.fileName);
    return { result, ms: cpuMsSince(started) };
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return { error, ms: cpuMsSince(started) };
  }
}

describe('unclosed structures are refused at once, whatever their number', () => {
  it.each([
    [
      'xlsx-unclosed-t',
      256_000,
      /^unclosed-t\.xlsx: not a readable \.xlsx workbook: in xl\/sharedStrings\.xml, a <t> element is never closed$/,
    ],
    ['xlsx-unclosed-si', 128_000, /in xl\/sharedStrings\.xml, a <si> element is never closed$/],
    ['xlsx-unclosed-row', 128_000, /in xl\/worksheets\/sheet1\.xml, a <row> element is never closed$/],
    ['xlsx-unclosed-c', 128_000, /in xl\/worksheets\/sheet1\.xml, a <c> element is never closed$/],
    [
      'bibtex-unclosed-entries',
      32_000,
      /^unclosed-entries\.bib:1: no BibTeX entry could be read: unbalanced braces: a "\{" is never closed before the next entry at line 2/,
    ],
    [
      'bibtex-unclosed-quotes',
      32_000,
      /^unclosed-quotes\.bib:1: no BibTeX entry could be read: a quoted value is never closed before the next entry at line 2/,
    ],
    [
      'endnote-xml-unclosed-record',
      64_000,
      /^unclosed-record\.xml:1: no record could be read: <record> at line 1 is never closed$/,
    ],
    [
      'pubmed-xml-unclosed-article',
      64_000,
      /^unclosed-article\.xml:1: no record could be read: <PubmedArticle> at line 1 is never closed$/,
    ],
  ])('%s (n = %i)', (name, n, message) => {
    const { error, ms } = read(name, n);
    expect(error?.message).toMatch(message);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('names every skipped unclosed record with its line and keeps the closed ones', () => {
    const text =
      '<xml><records>\n<record><titles><title>open</title></titles>\n<record><titles><title>closed</title></titles></record>\n</records></xml>';
    const { records, warnings } = parseFile(Buffer.from(text), 'mixed.xml');
    expect(records.map((r) => r.title)).toEqual(['closed']);
    expect(warnings).toEqual([
      { line: 2, record: null, message: '<record> at line 2 is never closed; record skipped' },
    ]);
  });
});

describe('nesting depth is a parse error, never a crash', () => {
  it(`refuses elements nested more than ${MAX_XML_DEPTH} deep, naming the line`, () => {
    const { error } = read('xml-deep-nesting', 20_000);
    expect(error?.message).toBe(
      `deep.xml:1: no record could be read: line 1: elements nested more than ${MAX_XML_DEPTH} deep: not a bibliographic export`,
    );
  });

  it('refuses a deep document with no record element too', () => {
    const text = `<?xml version="1.0"?>\n<xml>\n${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</xml>`;
    expect(() => parseFile(Buffer.from(text), 'deep.xml', { format: 'endnote-xml' })).toThrow(
      `deep.xml:3: elements nested more than ${MAX_XML_DEPTH} deep: not a bibliographic export`,
    );
  });

  it('reads nesting a little under the limit (MathML inside a title)', () => {
    const depth = MAX_XML_DEPTH - 10;
    const text = `<xml><records><record><titles><title>${'<i>'.repeat(depth)}deep${'</i>'.repeat(depth)}</title></titles></record></records></xml>`;
    expect(parseFile(Buffer.from(text), 'ok.xml').records[0]!.title).toBe('deep');
  });

  it('keeps BibTeX brace nesting linear', () => {
    const { result, ms } = read('bibtex-deep-braces', 64_000);
    expect(result?.records[0]!.title).toBe('x');
    expect(ms).toBeLessThan(BOUND_MS);
  });
});

describe('BibTeX crossref and @string expansion are bounded', () => {
  it('inherits through at most 8 crossref levels and warns about deeper chains', () => {
    const { result, ms } = read('bibtex-crossref-chain', 16_000);
    expect(ms).toBeLessThan(BOUND_MS);
    const [first, second] = result!.records;
    // The parent's title becomes the child's book title.
    expect(first).toMatchObject({ title: 'Paper 0', journal: 'Paper 1', year: 2001 });
    expect(second).toMatchObject({ title: 'Paper 1', journal: 'Paper 2' });
    expect(result!.warnings[0]).toEqual({
      line: 1,
      record: 1,
      message: 'crossref chain deeper than 8 levels; inheritance stopped at "k8"',
    });
  });

  it('inherits a field a grandparent holds and the parent lacks', () => {
    const bib =
      '@inbook{c, crossref = {p}, title = {Chapter}}\n@book{p, crossref = {g}, title = {Book}}\n@book{g, publisher = {P}, year = 1999, isbn = {978-0-00-000000-2}}\n';
    const [child] = parseFile(Buffer.from(bib), 'x.bib').records;
    expect(child).toMatchObject({ title: 'Chapter', journal: 'Book', year: 1999, isbn: '978-0-00-000000-2' });
  });

  it('refuses @string definitions that double at every step (a macro bomb)', () => {
    const { error, ms } = read('bibtex-string-bomb', 64);
    expect(error?.message).toMatch(
      /^string-bomb\.bib:\d+: @string macros expand to more than 16 times the size of the file: a macro bomb/,
    );
    expect(ms).toBeLessThan(BOUND_MS);
  });
});

describe('XLSX decompression is capped in total', () => {
  it('refuses a sheet that inflates a thousandfold, before inflating it', () => {
    const { error } = read('xlsx-bomb', 65);
    expect(error?.message).toMatch(
      /^bomb\.xlsx: not a readable \.xlsx workbook: its parts inflate to more than 64 MB \(at xl\/worksheets\/sheet1\.xml\)/,
    );
  });

  it('refuses it too when the archive understates the sizes: inflating stops at the limit', () => {
    const { error } = read('xlsx-bomb-lying', 70);
    expect(error?.message).toMatch(
      /^lying-bomb\.xlsx: not a readable \.xlsx workbook: its parts inflate to more than 64 MB/,
    );
  });

  it('counts every part: several parts under the limit each may not exceed it together', () => {
    const part = `<sst>${'<si><t>a</t></si>'.repeat(2_500_000)}</sst>`; // 42 MB of shared strings
    const sheet = `<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>Title</t></is></c></row>${'<row/>'.repeat(5_000_000)}</sheetData></worksheet>`; // 30 MB
    expect(() => parseFile(workbook(sheet, part), 'two.xlsx')).toThrow(
      /its parts inflate to more than 64 MB \(at xl\/sharedStrings\.xml\)/,
    );
  });
});

describe('CSV and TSV rows shorter than the header', () => {
  it.each(['tsv-short-rows', 'csv-short-rows'])('%s: read without an error object per row', (name) => {
    // csv-parse built (and captured a stack trace for) an error per short row even when relaxed.
    const capture = jest.spyOn(Error, 'captureStackTrace');
    try {
      const { result } = read(name, 2000);
      expect(result!.records).toHaveLength(2000);
      expect(result!.records[1999]!.title).toBe('Title 1999');
      expect(result!.warnings).toEqual([]);
      expect(capture.mock.calls.length).toBeLessThan(10);
    } finally {
      capture.mockRestore();
    }
  });

  it('refuses a row wider than a spreadsheet (16,384 cells) before it costs memory per cell', () => {
    const wide = `Title,Abstract\nA,a\n${'x,'.repeat(20_000)}x\n`;
    expect(() => parseFile(Buffer.from(wide), 'wide.csv')).toThrow(
      'wide.csv:3: a row of more than 16,384 cells, more than a spreadsheet has: not a bibliographic table',
    );
  });

  it('refuses a quoted cell that is never closed, naming the line it opens on', () => {
    expect(() => parseFile(Buffer.from('Title,Abstract\nA,"open\nB,b\n'), 'open.csv')).toThrow(
      'open.csv:2: not a readable comma-separated table: a quoted cell opened on this line is never closed',
    );
  });
});

describe('hostile field values stay linear', () => {
  it.each([
    ['ris-hostile-fields', 64_000],
    ['csv-hostile-cells', 64_000],
  ])('%s (n = %i)', (name, n) => {
    const { result, ms } = read(name, n);
    expect(result?.records).toHaveLength(1);
    expect(ms).toBeLessThan(BOUND_MS);
  });
});

describe('a record that starts while another is open closes it, with a warning naming both', () => {
  it('RIS: a TY before ER', () => {
    const { records, warnings } = parseFile(
      Buffer.from('TY  - JOUR\nTI  - One\nTY  - BOOK\nTI  - Two\nER  - \n'),
      'a.ris',
    );
    expect(records.map((r) => r.title)).toEqual(['One', 'Two']);
    expect(warnings).toEqual([
      { line: 1, record: 1, message: 'record has no ER line before the next TY at line 3' },
    ]);
  });

  it('MEDLINE: a PMID inside a record (no blank line before it)', () => {
    const { records, warnings } = parseFile(
      Buffer.from('PMID- 1\nTI  - One\nAB  - First abstract\nPMID- 2\nTI  - Two\n'),
      'a.nbib',
    );
    expect(records.map((r) => [r.pmid, r.title, r.abstract])).toEqual([
      ['1', 'One', 'First abstract'],
      ['2', 'Two', null],
    ]);
    expect(warnings).toEqual([
      {
        line: 1,
        record: 1,
        message: 'record has no blank line before the next PMID at line 4; it was closed there',
      },
    ]);
  });

  it('Web of Science: a PT before ER', () => {
    const { records, warnings } = parseFile(
      Buffer.from('FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI One\nPT J\nTI Two\nER\nEF\n'),
      'a.ciw',
    );
    expect(records.map((r) => r.title)).toEqual(['One', 'Two']);
    expect(warnings).toEqual([
      { line: 3, record: 1, message: 'record has no ER line before the next PT at line 5' },
    ]);
  });

  it.each([
    ['ris-unclosed-records', 'TY'],
    ['medline-pmid-inside-records', 'PMID'],
    ['wos-unclosed-records', 'PT'],
  ])('%s: every record keeps its own fields, every warning names its line and record', (name) => {
    const { result } = read(name, 2000);
    expect(result!.records.map((r) => r.title)).toEqual(Array.from({ length: 2000 }, (_, i) => `Title ${i}`));
    for (const warning of result!.warnings) {
      expect(warning.line).toEqual(expect.any(Number));
      expect(warning.record).toEqual(expect.any(Number));
    }
  });
});
