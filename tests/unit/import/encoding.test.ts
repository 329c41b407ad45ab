import iconv from 'iconv-lite';
import { ParseError } from '../../../server/domain/errors';
import { parseFile } from '../../../server/domain/import';
import { decodeBytes } from '../../../server/domain/import/encoding';
import { fixtureBytes } from './fixtures';

const cinahl = Buffer.from(fixtureBytes('ris/_baseline_cinahl.ris')).toString('utf8');

describe('decodeBytes()', () => {
  it('drops a UTF-8 BOM', () => {
    const decoded = decodeBytes(fixtureBytes('ris/_baseline_scopus.ris'), 'scopus.ris');
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text.startsWith('TY  - JOUR')).toBe(true);
  });

  it.each([
    ['utf-16le', [0xff, 0xfe]],
    ['utf-16be', [0xfe, 0xff]],
  ] as const)('reads %s with its BOM', (encoding, bom) => {
    const text = 'TY  - JOUR\nTI  - Ørsted\nER  - \n';
    const bytes = Buffer.concat([Buffer.from(bom), iconv.encode(text, encoding)]);
    expect(decodeBytes(bytes, 'x.ris')).toEqual({ text, encoding });
    expect(parseFile(bytes, 'x.ris').records.map((r) => r.title)).toEqual(['Ørsted']);
  });

  it('detects Windows-1252 in a real export re-encoded the way old Windows tools write it', () => {
    const bytes = iconv.encode(cinahl, 'windows-1252');
    const decoded = decodeBytes(bytes, 'cinahl.ris');
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toBe(cinahl);
  });

  it('gives curly quotes and dashes their characters (no C1-control mojibake)', () => {
    const text = 'TY  - JOUR\nTI  - “Smart” quotes – and a dash from Müller\nER  - \n';
    expect(decodeBytes(iconv.encode(text, 'windows-1252'), 'x.ris').text).toBe(text);
  });

  it('detects a short GBK field that statistical guessing alone reads as Latin-1', () => {
    const text = '@ARTICLE{凯撒2013,\n  author = {凯撒},\n  journal = {测试期刊}\n}\n';
    const decoded = decodeBytes(iconv.encode(text, 'gbk'), 'gbk.bib');
    expect(decoded.encoding).toBe('gbk');
    expect(decoded.text).toBe(text);
  });

  it('uses a named encoding when given one', () => {
    const bytes = iconv.encode('TI  - Ærø\n', 'latin1');
    expect(decodeBytes(bytes, 'x.ris', 'ISO-8859-1').text).toBe('TI  - Ærø\n');
  });

  it('refuses an encoding it does not know', () => {
    expect(() => decodeBytes(new Uint8Array([0x41]), 'x.ris', 'klingon-8')).toThrow(new ParseError('x.ris', null, 'unknown text encoding "klingon-8"'));
  });
});

describe('parseFile() with legacy encodings', () => {
  it('imports a Windows-1252 RIS with the same records as the UTF-8 original', () => {
    const original = parseFile(fixtureBytes('ris/_baseline_cinahl.ris'), 'cinahl.ris');
    const legacy = parseFile(iconv.encode(cinahl, 'windows-1252'), 'cinahl.ris');
    expect(legacy.encoding).toBe('windows-1252');
    expect(legacy.records).toEqual(original.records);
    expect(legacy.records[0]!.authors[1]).toBe('Martínez, Ricardo N.');
  });

  it('imports a GBK-encoded CSV', () => {
    const csv = 'title,authors,year\n系统综述方法学研究,"王伟; 李娜",2020\n';
    const result = parseFile(iconv.encode(csv, 'gbk'), 'cn.csv');
    // GB18030 is a superset of GBK that decodes these bytes identically.
    expect(['gbk', 'gb18030']).toContain(result.encoding);
    expect(result.records[0]!.title).toBe('系统综述方法学研究');
    expect(result.records[0]!.authors).toEqual(['王伟', '李娜']);
  });

  it('honours --encoding over detection', () => {
    const result = parseFile(iconv.encode(cinahl, 'windows-1252'), 'cinahl.ris', { encoding: 'windows-1252' });
    expect(result.encoding).toBe('windows-1252');
    expect(result.records[0]!.authors[1]).toBe('Martínez, Ricardo N.');
  });
});

describe('UTF-16 without a byte-order mark', () => {
  it.each(['utf-16le', 'utf-16be'])('is recognised as %s from its NUL pattern', (encoding) => {
    const text = Buffer.from(fixtureBytes('delimited/generic_tab.tsv')).toString('utf8');
    const result = parseFile(iconv.encode(text, encoding), 'generic_tab.tsv');
    expect(result.encoding).toBe(encoding);
    expect(result.format).toBe('tsv');
    expect(result.records.map((r) => r.title)).toEqual(['Title of reference', 'The title of the reference']);
  });
});
