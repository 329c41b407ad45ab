import fs from 'node:fs';
import path from 'node:path';
import { parseFile } from '../../../server/domain/import';
import { decodeBytes } from '../../../server/domain/import/encoding';
import { forEachLine, forEachUtf8Line } from '../../../server/domain/import/lines';
import { parseRis } from '../../../server/domain/import/ris';

/**
 * A UTF-8 RIS file is read line by line from its bytes (forEachUtf8Line) instead of as one
 * decoded text: these pin that both ways give the same lines, records and warnings.
 */
const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');

function risFixtures(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return risFixtures(file);
    return /\.(ris|txt)$/i.test(entry.name) ? [file] : [];
  });
}

function linesOfText(text: string): [string, number][] {
  const out: [string, number][] = [];
  forEachLine(text, (line, lineNo) => out.push([line, lineNo]));
  return out;
}

function linesOfBytes(text: string): [string, number][] {
  const out: [string, number][] = [];
  forEachUtf8Line(Buffer.from(text, 'utf8'), 0, (line, lineNo) => out.push([line, lineNo]));
  return out;
}

/** The old way: decode the whole file, then parse the text. */
function parsedAsText(bytes: Buffer, fileName: string) {
  const { text, encoding } = decodeBytes(bytes, fileName);
  const { records, warnings } = parseRis(text, fileName);
  return { format: 'ris', encoding, records, warnings };
}

describe('forEachUtf8Line', () => {
  it.each([
    'a\nb\nc',
    'a\r\nb\r\nc\r\n',
    'a\rb\rc\r',
    'a\n\nb\r\rc\r\n\r\nd',
    'a\n\r\nb',
    '\n',
    'x',
    '',
    '\ufeffTY  - JOUR\n\ufeffTI  - Ünïcødé — 中文 𝒳\r\nER  - \r',
  ])('gives the same lines and numbers as forEachLine for %j', (text) => {
    expect(linesOfBytes(text)).toEqual(linesOfText(text));
  });
});

describe('parseFile reads UTF-8 RIS from its bytes exactly as from decoded text', () => {
  // The RIS files are picked by their text, not by parsing them here: code run while Jest collects
  // the tests counts as covered by no test, and would make every import mutant run every test
  // (docs/testing.md). Each test checks that parseFile does read its file as RIS.
  const files = risFixtures(FIXTURES).filter((file) => /^\ufeff?TY {2}-/m.test(fs.readFileSync(file, 'utf8')));

  it('finds RIS fixtures to compare', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((file) => [path.relative(FIXTURES, file), file]))('%s', (_name, file) => {
    const bytes = fs.readFileSync(file);
    const fileName = path.basename(file);
    const fromBytes = parseFile(bytes, fileName);
    const fromText = parsedAsText(bytes, fileName);
    expect(fromBytes.format).toBe('ris');
    expect(fromBytes.encoding).toBe(fromText.encoding);
    expect(fromBytes.records).toEqual(fromText.records);
    expect(fromBytes.warnings).toEqual(expect.arrayContaining(fromText.warnings));
  });

  it.each([
    ['one BOM', '\ufeff'],
    ['two BOMs', '\ufeff\ufeff'],
    ['three BOMs', '\ufeff\ufeff\ufeff'],
    ['four BOMs', '\ufeff\ufeff\ufeff\ufeff'],
    ['no BOM', ''],
  ])('with %s, CR-only and mixed line ends, non-Latin-1 text and a missing final line end', (_name, bom) => {
    const text =
      `${bom}TY  - JOUR\rTI  - Ünïcødé title — 中文\rAU  - Şahin, Ö.\r\nKW  - one\n  two\nER  - \n\n` +
      `\ufeffTY  - BOOK\nTI  - Plain\nPY  - 2020\nER  - `;
    const bytes = Buffer.from(text, 'utf8');
    const fromBytes = parseFile(bytes, 'mixed.ris');
    const fromText = parsedAsText(bytes, 'mixed.ris');
    expect(fromBytes.format).toBe('ris');
    expect(fromBytes.records).toEqual(fromText.records);
    expect(fromBytes.records.map((r) => r.title)).toEqual(['Ünïcødé title — 中文', 'Plain']);
  });

  it('still decodes a Windows-1252 RIS file as a whole (not valid UTF-8)', () => {
    const bytes = Buffer.from('TY  - JOUR\nTI  - Caf\xe9 \x93quoted\x94\nER  - \n', 'latin1');
    const result = parseFile(bytes, 'legacy.ris');
    expect(result.encoding).toBe('windows-1252');
    expect(result.records[0]!.title).toBe('Café “quoted”');
  });
});
