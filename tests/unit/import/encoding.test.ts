import iconv from 'iconv-lite';
import { ParseError } from '../../../server/domain/errors';
import { parseFile } from '../../../server/domain/import';
import { asPlainUtf8, decodeBytes, utf8Census } from '../../../server/domain/import/encoding';
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
    expect(() => decodeBytes(new Uint8Array([0x41]), 'x.ris', 'klingon-8')).toThrow(
      new ParseError('x.ris', null, 'unknown text encoding "klingon-8"'),
    );
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
    const result = parseFile(iconv.encode(cinahl, 'windows-1252'), 'cinahl.ris', {
      encoding: 'windows-1252',
    });
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

describe('utf8Census() tells well-formed UTF-8 characters from invalid bytes', () => {
  it.each([
    ['the lowest two-byte character, U+0080', [0xc2, 0x80], { valid: 1, invalid: 0, firstInvalid: -1 }],
    ['the highest two-byte character, U+07FF', [0xdf, 0xbf], { valid: 1, invalid: 0, firstInvalid: -1 }],
    ['an overlong two-byte "/" (C0 AF)', [0xc0, 0xaf], { valid: 0, invalid: 2, firstInvalid: 0 }],
    ['an overlong two-byte "?" (C1 BF)', [0xc1, 0xbf], { valid: 0, invalid: 2, firstInvalid: 0 }],
    ['a lone continuation byte', [0x80], { valid: 0, invalid: 1, firstInvalid: 0 }],
    ['four continuation bytes', [0x80, 0x80, 0x80, 0x80], { valid: 0, invalid: 4, firstInvalid: 0 }],
    [
      'the lowest three-byte character, U+0800',
      [0xe0, 0xa0, 0x80],
      { valid: 1, invalid: 0, firstInvalid: -1 },
    ],
    [
      'an overlong three-byte U+07FF (E0 9F BF)',
      [0xe0, 0x9f, 0xbf],
      { valid: 0, invalid: 3, firstInvalid: 0 },
    ],
    ['"€" (E2 82 AC)', [0xe2, 0x82, 0xac], { valid: 1, invalid: 0, firstInvalid: -1 }],
    [
      'the last character before the surrogates, U+D7FF',
      [0xed, 0x9f, 0xbf],
      { valid: 1, invalid: 0, firstInvalid: -1 },
    ],
    ['a surrogate, U+D800 (ED A0 80)', [0xed, 0xa0, 0x80], { valid: 0, invalid: 3, firstInvalid: 0 }],
    ['U+E000, just after the surrogates', [0xee, 0x80, 0x80], { valid: 1, invalid: 0, firstInvalid: -1 }],
    ['U+FFFD', [0xef, 0xbf, 0xbd], { valid: 1, invalid: 0, firstInvalid: -1 }],
    [
      'the lowest four-byte character, U+10000',
      [0xf0, 0x90, 0x80, 0x80],
      { valid: 1, invalid: 0, firstInvalid: -1 },
    ],
    [
      'an overlong four-byte U+FFFF (F0 8F BF BF)',
      [0xf0, 0x8f, 0xbf, 0xbf],
      { valid: 0, invalid: 4, firstInvalid: 0 },
    ],
    ['"😀" (F0 9F 98 80)', [0xf0, 0x9f, 0x98, 0x80], { valid: 1, invalid: 0, firstInvalid: -1 }],
    [
      'the highest character, U+10FFFF (F4 8F BF BF)',
      [0xf4, 0x8f, 0xbf, 0xbf],
      { valid: 1, invalid: 0, firstInvalid: -1 },
    ],
    ['beyond U+10FFFF (F4 90 80 80)', [0xf4, 0x90, 0x80, 0x80], { valid: 0, invalid: 4, firstInvalid: 0 }],
    [
      'a lead byte no character uses (F5)',
      [0xf5, 0x80, 0x80, 0x80],
      { valid: 0, invalid: 4, firstInvalid: 0 },
    ],
    ['"é" cut after its lead byte', [0xc3], { valid: 0, invalid: 1, firstInvalid: 0 }],
    ['"é" with an ASCII byte for its second', [0xc3, 0x28], { valid: 0, invalid: 1, firstInvalid: 0 }],
    ['"€" without its last byte, then "("', [0xe2, 0x82, 0x28], { valid: 0, invalid: 2, firstInvalid: 0 }],
    [
      '"😀" without its last byte, then "("',
      [0xf0, 0x9f, 0x98, 0x28],
      { valid: 0, invalid: 3, firstInvalid: 0 },
    ],
    ['"😀" with an ASCII third byte', [0xf0, 0x9f, 0x28, 0x80], { valid: 0, invalid: 3, firstInvalid: 0 }],
    [
      'ASCII, "é", a bad byte, "é", a bad byte',
      [0x61, 0xc3, 0xa9, 0xff, 0xc3, 0xa9, 0xfe],
      { valid: 2, invalid: 2, firstInvalid: 3 },
    ],
  ])('%s', (_label, bytes, census) => {
    expect(utf8Census(new Uint8Array(bytes))).toEqual(census);
  });
});

describe('asPlainUtf8() finds where the text of a UTF-8 file starts', () => {
  const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

  it('starts at 0 without a byte-order mark and after each of up to two', () => {
    expect(asPlainUtf8(utf8('TY  - JOUR'), 100)).toEqual({ start: 0, head: 'TY  - JOUR' });
    expect(asPlainUtf8(utf8('\ufeffTY  - JOUR'), 100)).toEqual({ start: 3, head: 'TY  - JOUR' });
    // decodeBytes drops the mark, then TextDecoder drops one more; a third stays in the text.
    expect(asPlainUtf8(utf8('\ufeff\ufeffTY'), 100)).toEqual({ start: 6, head: 'TY' });
    expect(asPlainUtf8(utf8('\ufeff\ufeff\ufeffTY'), 100)).toEqual({ start: 6, head: '\ufeffTY' });
  });

  it('gives at least the first characters asked for, cut on a character boundary', () => {
    // "é" is two bytes: 3 × 2 characters of bytes end inside the third "é", so the cut moves back.
    expect(asPlainUtf8(utf8('aaéé-tail'), 1)).toEqual({ start: 0, head: 'aa' });
    expect(asPlainUtf8(utf8('aéé-tail'), 1)).toEqual({ start: 0, head: 'aé' });
    expect(asPlainUtf8(utf8('ééééé'), 2)).toEqual({ start: 0, head: 'ééé' });
    expect(asPlainUtf8(utf8('\ufeffabcdefgh'), 2)).toEqual({ start: 3, head: 'abcdef' });
  });

  it('is null for what decodeBytes does not read as UTF-8: UTF-16 with or without a mark, invalid bytes', () => {
    expect(asPlainUtf8(new Uint8Array([0xff, 0xfe, 0x41, 0x00]), 100)).toBeNull();
    expect(asPlainUtf8(new Uint8Array([0xfe, 0xff, 0x00, 0x41]), 100)).toBeNull();
    expect(asPlainUtf8(new Uint8Array(iconv.encode('TY  - JOUR', 'utf-16le')), 100)).toBeNull();
    expect(asPlainUtf8(new Uint8Array([0x41, 0xc3, 0x28]), 100)).toBeNull();
    expect(asPlainUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xc3, 0x28]), 100)).toBeNull();
  });
});

describe('UTF-16 without a mark needs enough text and a clear NUL pattern', () => {
  it('needs at least four characters', () => {
    expect(decodeBytes(iconv.encode('abcd', 'utf-16le'), 'x.txt')).toEqual({
      text: 'abcd',
      encoding: 'utf-16le',
    });
    expect(decodeBytes(iconv.encode('abcd', 'utf-16be'), 'x.txt')).toEqual({
      text: 'abcd',
      encoding: 'utf-16be',
    });
    // Three characters are read as UTF-8 (NUL bytes are valid UTF-8).
    expect(decodeBytes(iconv.encode('abc', 'utf-16le'), 'x.txt')).toEqual({
      text: 'a\u0000b\u0000c\u0000',
      encoding: 'utf-8',
    });
  });

  it('needs more than 60 % of the characters to have a NUL byte', () => {
    expect(decodeBytes(iconv.encode('abcdefg中文字', 'utf-16le'), 'x.txt')).toEqual({
      text: 'abcdefg中文字',
      encoding: 'utf-16le',
    });
    expect(decodeBytes(iconv.encode('abcdefg中文字', 'utf-16be'), 'x.txt')).toEqual({
      text: 'abcdefg中文字',
      encoding: 'utf-16be',
    });
    expect(decodeBytes(iconv.encode('abcdef中文字字', 'utf-16le'), 'x.txt').encoding).toBe('windows-1252');
  });

  it('needs fewer than 5 % of the characters to have a NUL in the other byte', () => {
    // "Ā" (U+0100) is 00 01 in UTF-16LE: one in 21 characters is under 5 %, one in 20 is not.
    expect(decodeBytes(iconv.encode('abcdefghijklmnopqrstĀ', 'utf-16le'), 'x.txt').encoding).toBe('utf-16le');
    expect(decodeBytes(iconv.encode('abcdefghijklmnopqrsĀ', 'utf-16le'), 'x.txt').encoding).toBe('utf-8');
    expect(decodeBytes(iconv.encode('abcdefghijklmnopqrstĀ', 'utf-16be'), 'x.txt').encoding).toBe('utf-16be');
    expect(decodeBytes(iconv.encode('abcdefghijklmnopqrsĀ', 'utf-16be'), 'x.txt').encoding).toBe('utf-8');
  });
});

describe('a Western legacy file may hold up to 16 non-ASCII bytes in a row', () => {
  const ris = (n: number) =>
    iconv.encode(`TY  - JOUR\nTI  - Caf${'é'.repeat(n)} naïve\nER  - \n`, 'windows-1252');

  it('reads 16 accented letters in a row', () => {
    expect(decodeBytes(ris(16), 'x.ris')).toEqual({
      text: `TY  - JOUR\nTI  - Caf${'é'.repeat(16)} naïve\nER  - \n`,
      encoding: 'windows-1252',
    });
  });

  it('refuses 17, naming their line', () => {
    expect(() => decodeBytes(ris(17), 'x.ris')).toThrow(
      new ParseError(
        'x.ris',
        2,
        'this is a binary file or a damaged export: the line holds a run of more than 16 bytes that are neither UTF-8 nor windows-1252 text; nothing was imported',
      ),
    );
  });
});

describe('a byte-order mark is all three (UTF-8) or both (UTF-16) of its bytes', () => {
  it.each([
    ['utf-16le', [0xff, 0xfe]],
    ['utf-16be', [0xfe, 0xff]],
  ] as const)('reads %s with its mark even when the text has no NUL pattern (Chinese)', (encoding, bom) => {
    const bytes = Buffer.concat([Buffer.from(bom), iconv.encode('系统综述方法学研究', encoding)]);
    expect(decodeBytes(bytes, 'x.txt')).toEqual({ text: '系统综述方法学研究', encoding });
  });

  it.each(['ÿes', 'Aþ', 'þa', 'Aÿ', 'x»¿', 'ïx¿', 'xx¿'])(
    'reads a single-byte file starting with %j (half a mark) byte for byte',
    (start) => {
      const bytes = iconv.encode(`${start}, naïve café\n`, 'windows-1252');
      const decoded = decodeBytes(bytes, 'x.txt');
      expect(decoded.encoding).not.toMatch(/^utf/);
      expect(decoded.text).toHaveLength(bytes.length);
    },
  );

  it.each(['\uf03f', '\ufec0', '\u2eff', 'a¿'])(
    'keeps the UTF-8 text %j whose bytes share some of the mark’s',
    (start) => {
      const bytes = new Uint8Array(Buffer.from(`${start} text`, 'utf8'));
      expect(decodeBytes(bytes, 'x.txt')).toEqual({ text: `${start} text`, encoding: 'utf-8' });
      expect(asPlainUtf8(bytes, 100)).toEqual({ start: 0, head: `${start} text` });
    },
  );
});

describe('what decodeBytes() makes of invalid UTF-8 and legacy bytes', () => {
  it('reads a file with as many invalid bytes as UTF-8 characters as a legacy encoding, not as damaged UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('Café '), Buffer.from([0xe9]), Buffer.from(' end\n')]);
    expect(decodeBytes(bytes, 'x.txt')).toEqual({ text: 'CafÃ© é end\n', encoding: 'windows-1252' });
  });

  it('refuses a run of 17 non-ASCII bytes at the very start of the file, on line 1', () => {
    expect(() => decodeBytes(iconv.encode(`${'é'.repeat(17)} naïve\n`, 'windows-1252'), 'x.ris')).toThrow(
      /^x\.ris:1: .*a run of more than 16 bytes/,
    );
  });

  it('reads a file that ends with 16 accented letters', () => {
    const text = `TI  - naïve Caf${'é'.repeat(16)}`;
    expect(decodeBytes(iconv.encode(text, 'windows-1252'), 'x.ris')).toEqual({
      text,
      encoding: 'windows-1252',
    });
  });

  it('counts "€" (byte 0x80) in a run like any other non-ASCII byte', () => {
    const text = `TI  - naïve Caf${'é'.repeat(8)}€${'é'.repeat(8)} x\n`;
    expect(() => decodeBytes(iconv.encode(text, 'windows-1252'), 'x.ris')).toThrow(
      /^x\.ris:1: .*a run of more than 16 bytes/,
    );
  });

  it('names the encoding it was told in lower case, spaces trimmed', () => {
    expect(decodeBytes(iconv.encode('Café', 'windows-1252'), 'x.ris', ' Windows-1252 ')).toEqual({
      text: 'Café',
      encoding: 'windows-1252',
    });
  });

  it('recognises UTF-16 without a mark in a file cut to an odd length, and with the ASCII last', () => {
    const odd = Buffer.concat([iconv.encode('abc中', 'utf-16le'), Buffer.from([0x0a])]);
    expect(decodeBytes(odd, 'x.txt').encoding).toBe('utf-16le');
    expect(decodeBytes(iconv.encode('中文字abcdefg', 'utf-16le'), 'x.txt')).toEqual({
      text: '中文字abcdefg',
      encoding: 'utf-16le',
    });
    expect(decodeBytes(iconv.encode('abcdef中文字字', 'utf-16be'), 'x.txt').encoding).toBe('windows-1252');
  });

  it('detects a short GBK field at the very end of the file', () => {
    expect(decodeBytes(iconv.encode('author = 凯撒', 'gbk'), 'x.bib')).toEqual({
      text: 'author = 凯撒',
      encoding: 'gbk',
    });
  });

  it('looks for the NUL pattern of UTF-16 in the first 2000 bytes only', () => {
    // 600 of the first 1000 characters are ASCII: not more than 60 %, though the next 10 are too.
    // Every byte here is ASCII, so the file is (nonsensical) UTF-8.
    const bytes = iconv.encode(`${'a'.repeat(600)}${'中'.repeat(400)}${'b'.repeat(10)}`, 'utf-16le');
    expect(decodeBytes(bytes, 'x.txt').encoding).toBe('utf-8');
  });

  it('reads a long GBK text as GB18030, chardet’s name for it, also past the 256 KB it samples', () => {
    const text =
      'TY  - JOUR\nTI  - 系统综述方法学研究与统合分析的方法学研究进展\nAB  - 本研究旨在系统评价中国医学期刊发表的系统综述的方法学质量，并分析其影响因素。\nER  - \n\n';
    expect(decodeBytes(iconv.encode(text, 'gbk'), 'x.ris')).toEqual({ text, encoding: 'gb18030' });
    const big = iconv.encode(text.repeat(2000), 'gbk');
    expect(big.length).toBeGreaterThan(256 * 1024);
    expect(decodeBytes(big, 'x.ris')).toEqual({ text: text.repeat(2000), encoding: 'gb18030' });
  });

  // Polish, Lithuanian and Turkish prose that chardet names the encoding of (a dash or quotes,
  // bytes 0x80–0x9F, make it say windows-125x rather than ISO 8859), then 17 letters in a row.
  const PL =
    'Przegląd systematyczny i metaanaliza badań: ocena jakości dowodów w szpitalach, w których liczba lekarzy maleje';
  const LT =
    'Sisteminė apžvalga ir metaanalizė: įrodymų kokybės vertinimas ligoninėse, kurių gydytojų skaičius mažėja';
  const TR = '“Sistematik derleme” ve meta-analiz çalışmalarının güvenilirliği üzerine bir değerlendirme';
  it.each([
    ['windows-1250', `${PL} – ${'ż'.repeat(17)}`],
    ['iso-8859-2', `${PL} - źródło żółć ${'ż'.repeat(17)}`],
    ['windows-1257', `${LT} – ${'ė'.repeat(17)}`],
    ['windows-1254', `${TR} – ${'ş'.repeat(17)}`],
    ['iso-8859-9', `Sistematik derleme ve meta-analiz çalışmalarının güvenilirliği ${'ş'.repeat(17)}`],
  ])('refuses a run of 17 non-ASCII bytes in %s text too', (encoding, title) => {
    const bytes = iconv.encode(`TY  - JOUR\nTI  - ${title}\nER  - \n`, encoding);
    expect(() => decodeBytes(bytes, 'x.ris')).toThrow(
      new RegExp(`^x\\.ris:2: .*a run of more than 16 bytes that are neither UTF-8 nor ${encoding} text`),
    );
  });
});

describe('which of chardet’s guesses decodeBytes() takes', () => {
  it('names a Western file windows-1252 also when chardet says ISO-8859-1 (no curly quotes or dashes)', () => {
    // No byte 0x80–0x9F: chardet names ISO-8859-1, which decodes these bytes as Windows-1252 does.
    const text = 'TY  - JOUR\nTI  - Café, naïve, Ångström\nER  - \n';
    expect(decodeBytes(iconv.encode(text, 'windows-1252'), 'x.ris')).toEqual({ text, encoding: 'windows-1252' });
  });

  it('reads a file of GBK characters alone as GBK, though chardet guesses Big5 or Shift_JIS for it', () => {
    // chardet: Big5 (confidence 10) for 凯撒, Shift_JIS (10) for 测试期刊.
    expect(decodeBytes(iconv.encode('凯撒', 'gbk'), 'x.txt')).toEqual({ text: '凯撒', encoding: 'gbk' });
    expect(decodeBytes(iconv.encode('测试期刊', 'gbk'), 'x.txt')).toEqual({ text: '测试期刊', encoding: 'gbk' });
  });

  it('passes over a UTF-32 guess for bytes that are not UTF-8 and carry no mark', () => {
    // chardet ranks UTF-32LE first (confidence 80) for the two GBK bytes of 王 (CD F5), then Big5;
    // two bytes cannot tell Big5 from GBK, but they are no UTF-32 text (that takes four).
    expect(decodeBytes(iconv.encode('王', 'gbk'), 'x.txt').encoding).toBe('big5');
  });

  it('reads a Chinese author of an English record as GBK, though chardet is sure of ISO-8859-1', () => {
    // chardet: ISO-8859-1 with confidence 73, above the 60 under which any guess is doubted.
    const text = 'TY  - JOUR\nAU  - 王小明\nTI  - Effects of treatment on patients in a randomised trial of many words\nER  - \n';
    expect(decodeBytes(iconv.encode(text, 'gbk'), 'x.ris')).toEqual({ text, encoding: 'gbk' });
  });

  it('starts the sample past 256 KB of ASCII at its first high byte, even a € (0x80)', () => {
    // The € is the only byte 0x80–0x9F: with it chardet says windows-1250, without it ISO-8859-2,
    // which reads ą (0xB9) as š.
    const ascii = 'TY  - JOUR\nTI  - An English title about dinosaur eggshell porosity\nER  - \n\n';
    const polish = 'TY  - JOUR\nTI  - Cena 10€. Przegląd systematyczny i metaanaliza badań: ocena dowodów w szpitalach, w których liczba lekarzy maleje, żółw\nER  - \n';
    const text = `${ascii.repeat(Math.ceil((300 * 1024) / ascii.length))}${polish}`;
    expect(decodeBytes(iconv.encode(text, 'windows-1250'), 'x.ris')).toEqual({ text, encoding: 'windows-1250' });
  });

  it('finds a GBK record after 256 KB of ASCII records (GB18030, chardet’s name for GBK)', () => {
    // The first byte that is not ASCII sits at offset 256 KB exactly, just past the first sample.
    const head = 'TY  - JOUR\nTI  - ';
    const ascii = 'TY  - JOUR\nTI  - An English title about dinosaur eggshell porosity\nER  - \n\n';
    const records = ascii.repeat(Math.floor((256 * 1024 - head.length) / ascii.length) - 1);
    const note = `N1  - ${'x'.repeat(256 * 1024 - head.length - records.length - 7)}\n`;
    const text = `${records}${note}${head}系统综述方法学研究与统合分析的方法学研究进展\nER  - \n`;
    const bytes = iconv.encode(text, 'gbk');
    expect(bytes.findIndex((b) => b >= 0x80)).toBe(256 * 1024);
    expect(decodeBytes(bytes, 'x.ris')).toEqual({ text, encoding: 'gb18030' });
  });
});

// A short field in GBK and a short Western text whose accented letters come in pairs are the
// same kind of bytes (runs of an even number of high bytes): these state which way each goes.
describe('decodeBytes(): GBK or Western, for short texts', () => {
  it('reads a Portuguese title whose accented letters come in pairs (ção, ções) as Windows-1252, not GBK', () => {
    // çõ (E7 F5) and çã (E7 E3) are also GBK characters (珲, 溷); chardet says ISO-8859-1 (71).
    // The runs sit inside words, between Latin letters, where Chinese text seldom is.
    for (const title of ['Avaliações de cursos', 'AVALIAÇÃO DE CURSOS', 'Formação continuada e microcredenciais']) {
      const text = `TY  - JOUR\nTI  - ${title}\nER  - \n`;
      expect(decodeBytes(iconv.encode(text, 'windows-1252'), 'x.ris')).toEqual({ text, encoding: 'windows-1252' });
    }
  });

  it('still reads Chinese that runs into Latin letters (BP, GA) as GBK', () => {
    const text = 'TY  - JOUR\nTI  - 用BP算法和GA算法优化\nER  - \n';
    expect(decodeBytes(iconv.encode(text, 'gbk'), 'x.ris')).toEqual({ text, encoding: 'gbk' });
  });

  it('reads Chinese as GBK when half its runs run into Latin letters, not more', () => {
    // 射线和 sits between X and Y, the second 射线 ends the line: one run of two inside a word.
    const text = 'TY  - JOUR\nTI  - X射线和Y射线\nER  - \n';
    expect(decodeBytes(iconv.encode(text, 'gbk'), 'x.ris')).toEqual({ text, encoding: 'gbk' });
  });

  it.each([
    ['AçõZ', 'windows-1252'],
    ['açõz', 'windows-1252'],
    // Next to characters just outside A–Z and a–z (and digits), the pair is not inside a word.
    ['@çõ[', 'gbk'],
    ['`çõ{', 'gbk'],
    ['1çõ2', 'gbk'],
  ])('takes a pair of high bytes in %s for %s: inside a word means between Latin letters A–Z, a–z', (word, encoding) => {
    const text = `TY  - JOUR\nTI  - ${word}\nER  - \n`;
    expect(decodeBytes(iconv.encode(text, 'windows-1252'), 'x.ris').encoding).toBe(encoding);
  });

  it('reads a four-character GBK name that chardet scores exactly 60 as KOI8-R as GBK', () => {
    expect(decodeBytes(iconv.encode('北京大学', 'gbk'), 'x.txt')).toEqual({ text: '北京大学', encoding: 'gbk' });
  });

  it('reads a GBK character whose second byte is 0x80 as part of its pair', () => {
    // 皜 is B0 80 in GBK: its second byte is the lowest high byte.
    const text = '作者：皜文';
    expect(decodeBytes(iconv.encode(text, 'gbk'), 'x.txt')).toEqual({ text, encoding: 'gbk' });
  });

  it('takes GBK when at least four in five of its wide characters are Han', () => {
    // Four Han characters and a circled one: exactly 4 of 5.
    expect(decodeBytes(iconv.encode('中文中文①', 'gbk'), 'x.txt')).toEqual({ text: '中文中文①', encoding: 'gbk' });
  });

  it('keeps a pair of high bytes that GBK reads as no Han character Western (§§ would be ЁЁ)', () => {
    const text = 'Kommentar zu §§ 305-310 BGB';
    expect(decodeBytes(iconv.encode(text, 'windows-1252'), 'x.txt')).toEqual({ text, encoding: 'windows-1252' });
  });
});
