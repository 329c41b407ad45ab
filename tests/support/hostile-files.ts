import { workbook, zip } from './zip';

/**
 * Generated worst cases for the import readers (issue 15): small files that made a reader
 * quadratic, deep nesting, decompression bombs, and hostile field values. `build(n)` makes a
 * file of about n units (records, rows, levels); doubling n doubles the file, so a linear
 * reader takes about twice as long. Shared by the unit tests and `npm run bench:hostile`.
 */
export interface HostileCase {
  /** Stable name, used in test titles and the bench table. */
  name: string;
  /** The reader it attacks (a format id). */
  reader: string;
  /** What is wrong with the file, in a few words. */
  problem: string;
  fileName: string;
  /** The n of the bench's first row; the bench doubles it. */
  benchN: number;
  build(n: number): Uint8Array;
}

const text = (value: string): Uint8Array => new Uint8Array(Buffer.from(value, 'utf8'));
const times = (n: number, make: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => make(i)).join('');

const HEADER_COLUMNS = [
  'Title',
  'Authors',
  'Year',
  'Source title',
  'Volume',
  'Issue',
  'Abstract',
  'DOI',
  'Author Keywords',
  'Language',
];

const sheet = (rows: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
const headerRow = `<row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c></row>`;
const sharedTitle = `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>`;

/** A sheet whose one cell holds n MB of "a": it deflates about a thousandfold. */
function bombSheet(n: number): Buffer {
  const [before, after] = sheet(
    `${headerRow}<row r="2"><c r="A2" t="inlineStr"><is><t>\u0000</t></is></c></row>`,
  ).split('\u0000');
  return Buffer.concat([Buffer.from(before!), Buffer.alloc(n * 1024 * 1024, 'a'), Buffer.from(after!)]);
}

export const HOSTILE_CASES: HostileCase[] = [
  {
    name: 'xlsx-unclosed-t',
    reader: 'xlsx',
    problem: 'shared string whose <t> runs are never closed',
    fileName: 'unclosed-t.xlsx',
    benchN: 8_000,
    build: (n) =>
      workbook(sheet(sharedTitle), `<sst><si><t>Title</t></si><si>${times(n, () => '<t>a')}</si></sst>`),
  },
  {
    name: 'xlsx-unclosed-si',
    reader: 'xlsx',
    problem: 'shared strings (<si>) never closed',
    fileName: 'unclosed-si.xlsx',
    benchN: 8_000,
    build: (n) =>
      workbook(sheet(sharedTitle), `<sst><si><t>Title</t></si>${times(n, () => '<si><t>a</t>')}</sst>`),
  },
  {
    name: 'xlsx-unclosed-row',
    reader: 'xlsx',
    problem: 'sheet rows (<row>) never closed',
    fileName: 'unclosed-row.xlsx',
    benchN: 16_000,
    build: (n) => workbook(sheet(`${headerRow}${times(n, (i) => `<row r="${i + 2}">`)}`)),
  },
  {
    name: 'xlsx-unclosed-c',
    reader: 'xlsx',
    problem: 'cells (<c>) of one row never closed',
    fileName: 'unclosed-c.xlsx',
    benchN: 16_000,
    build: (n) =>
      workbook(sheet(`${headerRow}<row r="2">${times(n, () => '<c t="inlineStr"><is><t>x</t></is>')}</row>`)),
  },
  {
    name: 'xlsx-bomb',
    reader: 'xlsx',
    problem: 'a sheet that inflates about 1000-fold (n = MB inflated)',
    fileName: 'bomb.xlsx',
    benchN: 64,
    build: (n) => workbook(bombSheet(n)),
  },
  {
    name: 'xlsx-bomb-lying',
    reader: 'xlsx',
    problem: 'the same, its archive claiming a tiny size (n = MB inflated)',
    fileName: 'lying-bomb.xlsx',
    benchN: 64,
    build: (n) => zip([{ name: 'xl/worksheets/sheet1.xml', content: bombSheet(n), declaredSize: 1024 }]),
  },
  {
    name: 'bibtex-crossref-chain',
    reader: 'bibtex',
    problem: 'each entry crossrefs the next one',
    fileName: 'crossref-chain.bib',
    benchN: 4_000,
    build: (n) =>
      text(
        times(n, (i) => `@inproceedings{k${i}, crossref = {k${i + 1}}, title = {Paper ${i}}, year = 2001}\n`),
      ),
  },
  {
    name: 'bibtex-unclosed-entries',
    reader: 'bibtex',
    problem: 'entries whose braced value is never closed',
    fileName: 'unclosed-entries.bib',
    benchN: 8_000,
    build: (n) => text(times(n, (i) => `@article{k${i}, title = {x\n`)),
  },
  {
    name: 'bibtex-unclosed-quotes',
    reader: 'bibtex',
    problem: 'entries whose quoted value is never closed',
    fileName: 'unclosed-quotes.bib',
    benchN: 8_000,
    build: (n) => text(times(n, (i) => `@article{k${i}, title = "x\n`)),
  },
  {
    name: 'bibtex-deep-braces',
    reader: 'bibtex',
    problem: 'a title nested n braces deep',
    fileName: 'deep-braces.bib',
    benchN: 16_000,
    build: (n) => text(`@article{k, title = {${'{'.repeat(n)}x${'}'.repeat(n)}}, year = 2001}\n`),
  },
  {
    name: 'bibtex-string-bomb',
    reader: 'bibtex',
    problem: '@string macros that each concatenate the previous one twice',
    fileName: 'string-bomb.bib',
    benchN: 16,
    build: (n) =>
      text(
        `@string{a0 = "ha"}\n${times(n, (i) => `@string{a${i + 1} = a${i} # a${i}}\n`)}@article{k, title = a${n}, year = 2001}\n`,
      ),
  },
  {
    name: 'endnote-xml-unclosed-record',
    reader: 'endnote-xml',
    problem: '<record> elements never closed',
    fileName: 'unclosed-record.xml',
    benchN: 16_000,
    build: (n) =>
      text(
        `<?xml version="1.0"?><xml><records>${times(n, () => '<record><titles><title>x</title></titles>\n')}</records></xml>`,
      ),
  },
  {
    name: 'pubmed-xml-unclosed-article',
    reader: 'pubmed-xml',
    problem: '<PubmedArticle> elements never closed',
    fileName: 'unclosed-article.xml',
    benchN: 16_000,
    build: (n) =>
      text(
        `<?xml version="1.0"?><PubmedArticleSet>${times(n, (i) => `<PubmedArticle><MedlineCitation><PMID>${i + 1}</PMID>\n`)}</PubmedArticleSet>`,
      ),
  },
  {
    name: 'xml-deep-nesting',
    reader: 'endnote-xml',
    problem: 'one record nested n elements deep',
    fileName: 'deep.xml',
    benchN: 16_000,
    build: (n) =>
      text(
        `<?xml version="1.0"?><xml><records><record><titles><title>x</title></titles>${'<a>'.repeat(n)}${'</a>'.repeat(n)}</record></records></xml>`,
      ),
  },
  {
    name: 'tsv-short-rows',
    reader: 'tsv',
    problem: 'rows with one cell under a ten-column header',
    fileName: 'short-rows.tsv',
    benchN: 32_000,
    build: (n) => text(`${HEADER_COLUMNS.join('\t')}\n${times(n, (i) => `Title ${i}\n`)}`),
  },
  {
    name: 'csv-short-rows',
    reader: 'csv',
    problem: 'rows with one cell under a ten-column header',
    fileName: 'short-rows.csv',
    benchN: 32_000,
    build: (n) => text(`${HEADER_COLUMNS.join(',')}\n${times(n, (i) => `Title ${i}\n`)}`),
  },
  {
    name: 'csv-unclosed-quotes',
    reader: 'csv',
    problem: 'a quoted cell that never closes, with quotes inside',
    fileName: 'unclosed-quotes.csv',
    benchN: 32_000,
    build: (n) => text(`Title,Abstract\n"x,${times(n, () => 'a "b", ')}\n`),
  },
  {
    name: 'ris-unclosed-records',
    reader: 'ris',
    problem: 'records without ER, each started by TY',
    fileName: 'unclosed.ris',
    benchN: 32_000,
    build: (n) => text(times(n, (i) => `TY  - JOUR\nTI  - Title ${i}\n`)),
  },
  {
    name: 'medline-pmid-inside-records',
    reader: 'medline',
    problem: 'records not separated by blank lines (PMID inside a record)',
    fileName: 'joined.nbib',
    benchN: 32_000,
    build: (n) => text(times(n, (i) => `PMID- ${i + 1}\nTI  - Title ${i}\n`)),
  },
  {
    name: 'wos-unclosed-records',
    reader: 'wos-plain',
    problem: 'records without ER, each started by PT',
    fileName: 'unclosed.ciw',
    benchN: 32_000,
    build: (n) =>
      text(`FN Clarivate Analytics Web of Science\nVR 1.0\n${times(n, (i) => `PT J\nTI Title ${i}\n`)}`),
  },
  {
    name: 'ris-hostile-fields',
    reader: 'ris',
    problem: 'one record whose author, DOI and pages are n characters of punctuation',
    fileName: 'fields.ris',
    benchN: 32_000,
    build: (n) =>
      text(
        `TY  - JOUR\nTI  - x\nAU  - Smith${','.repeat(n)}x\nAU  - (${'@'.repeat(n)}\nDO  - 10.1234/a${'.'.repeat(n)}b\n` +
          `SP  - 1${' -'.repeat(n)}x\nER  - \n`,
      ),
  },
  {
    name: 'csv-hostile-cells',
    reader: 'csv',
    problem: 'one row whose citation, list and link cells are n characters of repeated patterns',
    fileName: 'cells.csv',
    benchN: 16_000,
    build: (n) =>
      text(
        `Title,Authors,Citation,Source,Link\nx,"['${"a'b".repeat(n)}","A. ${'. 2020 '.repeat(n)}","B ${' (2020) '.repeat(n)}","${'doi:'.repeat(n)}"\n`,
      ),
  },
];

/** A case by name (tests pick the ones they check). */
export function hostileCase(name: string): HostileCase {
  const found = HOSTILE_CASES.find((c) => c.name === name);
  if (!found) throw new Error(`no hostile case "${name}"`);
  return found;
}

/**
 * The issue's corrupted RIS: valid records, then 4 KB of random bytes, a NUL, then the start of
 * a new record. `seed` makes the "random" bytes repeatable.
 */
export function corruptedRis(valid: Uint8Array, seed = 15): Uint8Array {
  let state = seed;
  const noise = new Uint8Array(4096);
  for (let i = 0; i < noise.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    noise[i] = state >>> 24;
  }
  const fragment = Buffer.from(
    '\u0000TY  - JOUR\nTI  - A title from the fragment\nAU  - Fragment, F\n',
    'latin1',
  );
  return new Uint8Array(Buffer.concat([Buffer.from(valid), noise, fragment]));
}
