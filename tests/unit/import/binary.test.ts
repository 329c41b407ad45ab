import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { ParseError } from '../../../server/domain/errors';
import {
  binaryContentError,
  findControlByte,
  findControlCharacter,
  lineOfOffset,
  refuseBinaryText,
} from '../../../server/domain/import/binary';
import { parseFile } from '../../../server/domain/import';
import { corruptedRis } from '../../support/hostile-files';
import { FIXTURES, fixtureBytes } from './fixtures';

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

function refusal(data: Uint8Array, name: string): ParseError {
  try {
    parseFile(data, name);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error(`${name} was read, not refused`);
}

describe('binary content anywhere in a text export refuses the file (issue 15)', () => {
  it("refuses the issue's corrupted RIS whole: valid records, 4 KB of random bytes, a NUL, then a fragment", () => {
    const valid = fixtureBytes('ris/embase.ris');
    const lines = Buffer.from(valid)
      .toString('utf8')
      .split(/\r\n|\r|\n/).length;
    const error = refusal(corruptedRis(valid), 'corrupted.ris');
    // The garbage starts on the file's last line (embase.ris ends with a line end).
    expect(error.line).toBeGreaterThanOrEqual(lines - 1);
    expect(error.message).toMatch(
      /^corrupted\.ris:\d+: this is a binary file or a damaged export: the line holds /,
    );
  });

  const RIS = 'TY  - JOUR\nTI  - First\nER  - \n\nTY  - JOUR\nTI  - Second\nER  - \n';

  it.each([
    ['a NUL', '\u0000'],
    ['a BEL', '\u0007'],
    ['an ESC', '\u001b'],
    ['a SUB in the middle', '\u001a'],
  ])('refuses %s on line 6, deep inside a file, in every text format', (_label, control) => {
    const texts: [string, string][] = [
      ['a.ris', RIS.replace('TI  - Second', `TI  - Sec${control}ond`)],
      ['a.nbib', 'PMID- 1\nTI  - First\n\nPMID- 2\n\nTI  - Sec' + control + 'ond\n'],
      ['a.csv', `Title,Year\nOne,2001\nTwo,2002\nThree,2003\nFour,2004\nFi${control}ve,2005\n`],
      ['a.bib', `@article{a,\n title = {One}}\n\n@article{b,\n year = 2001,\n title = {T${control}wo}}\n`],
      [
        'a.xml',
        `<xml><records>\n<record><titles><title>One</title></titles></record>\n\n\n\n<record><titles><title>T${control}wo</title></titles></record></records></xml>`,
      ],
    ];
    for (const [name, text] of texts) {
      const error = refusal(bytes(text), name);
      expect(error.line).toBe(6);
      expect(error.reason).toMatch(
        /^this is a binary file or a damaged export: the line holds the control character U\+00[01][0-9A-F], which text exports never contain; nothing was imported$/,
      );
    }
  });

  it('finds binary content in a non-UTF-8 file too (Windows-1252), after its first 64 KB', () => {
    const text = `TY  - JOUR\nTI  - Café\nER  - \n${'\n'.repeat(70_000)}TY  - JOUR\nTI  - Bad\u0000\nER  - \n`;
    expect(refusal(new Uint8Array(iconv.encode(text, 'windows-1252')), 'legacy.ris').line).toBe(70_005);
  });

  it('keeps tab, vertical tab, form feed, CR and a final DOS end-of-file mark', () => {
    const text = 'TY  - JOUR\r\nTI  - A\ttitle\u000b on two lines\u000c\r\nER  - \r\n\u001a';
    expect(parseFile(bytes(text), 'ok.ris').records[0]!.title).toBe('A title on two lines');
  });

  it('refuses bytes that are not UTF-8 in a file that is otherwise UTF-8, naming their line', () => {
    const good = 'TY  - JOUR\nTI  - Études über Ärzte, naïve café\nER  - \n';
    const damaged = Buffer.concat([
      Buffer.from(good.repeat(3)),
      Buffer.from([0xff, 0xfe, 0x80, 0x81]),
      Buffer.from(`\n${good}`),
    ]);
    const error = refusal(new Uint8Array(damaged), 'damaged.ris');
    expect(error.line).toBe(10);
    expect(error.reason).toBe(
      'this is a binary file or a damaged export: the line holds bytes that are not UTF-8 in a file that is otherwise UTF-8; nothing was imported',
    );
  });

  it('refuses invalid UTF-8 after a UTF-8 byte-order mark, however few valid characters came before', () => {
    const damaged = Buffer.concat([
      Buffer.from('\ufeffTY  - JOUR\nTI  - x\n'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('\nER  - \n'),
    ]);
    expect(refusal(new Uint8Array(damaged), 'bom.ris').line).toBe(3);
  });

  it('refuses a long run of high bytes in a file otherwise ASCII (random bytes read as Windows-1252)', () => {
    const run = Buffer.from(Array.from({ length: 64 }, (_, i) => 0x80 + ((i * 37) % 128)));
    const damaged = Buffer.concat([
      Buffer.from('TY  - JOUR\nTI  - Plain title\nAB  - Abstract '),
      run,
      Buffer.from('\nER  - \n'),
    ]);
    const error = refusal(new Uint8Array(damaged), 'run.ris');
    expect(error.line).toBe(3);
    expect(error.reason).toMatch(
      /^this is a binary file or a damaged export: the line holds a run of more than 16 bytes that are neither UTF-8 nor [\w-]+ text/,
    );
  });

  it('still reads legacy encodings: Windows-1252 accents, GBK (runs of high bytes are Chinese text)', () => {
    const western = iconv.encode(
      'TY  - JOUR\nTI  - Café, naïve, Ångström — “quoted”\nER  - \n',
      'windows-1252',
    );
    expect(parseFile(new Uint8Array(western), 'w.ris')).toMatchObject({
      encoding: 'windows-1252',
      records: [{ title: 'Café, naïve, Ångström — “quoted”' }],
    });
    expect(parseFile(fixtureBytes('bibtex/gbk_test.bib'), 'gbk_test.bib').encoding).toBe('gbk');
  });

  it('reads every fixture of tests/fixtures/import: real exports never hold binary content', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (!/\.md$/i.test(entry.name)) files.push(file);
      }
    };
    walk(FIXTURES);
    const refusedAsBinary = files.filter((file) => {
      try {
        parseFile(fs.readFileSync(file), path.basename(file));
        return false;
      } catch (error) {
        // A few fixtures are not bibliographic exports at all; none may be refused as binary.
        return error instanceof ParseError && /binary file|not UTF-8/.test(error.reason);
      }
    });
    expect(files.length).toBeGreaterThan(100);
    expect(refusedAsBinary).toEqual([]);
  });
});

describe('the control characters binary.ts refuses, character by character', () => {
  const bytesOf = (codes: number[]): Uint8Array => new Uint8Array(codes);

  it.each([
    // Refused: every C0 control but TAB, LF, VT, FF and CR, at both ends of the two ranges.
    [0x00, 3],
    [0x01, 3],
    [0x08, 3],
    [0x0e, 3],
    [0x1a, 3], // SUB, not the last character
    [0x1f, 3],
    // Kept: TAB, LF, VT, FF, CR, a space and DEL (not a C0 control).
    [0x09, -1],
    [0x0a, -1],
    [0x0b, -1],
    [0x0c, -1],
    [0x0d, -1],
    [0x20, -1],
    [0x7f, -1],
  ])('finds the character of code %d after "ab\\n" at offset 3, or nothing (%d)', (code, offset) => {
    const text = `ab\n${String.fromCharCode(code)}-z`;
    expect(findControlCharacter(text)).toBe(offset);
    expect(findControlByte(bytesOf([...Buffer.from(text, 'latin1')]), 0)).toBe(offset);
  });

  it('keeps a SUB only as the very last character (a DOS end-of-file mark)', () => {
    expect(findControlCharacter('ER  - \r\n\u001a')).toBe(-1);
    expect(findControlCharacter('ER  - \r\n\u001a\r\n')).toBe(8);
    expect(findControlCharacter('\u001a')).toBe(-1);
    expect(findControlByte(bytesOf([0x45, 0x52, 0x0a, 0x1a]), 0)).toBe(-1);
    expect(findControlByte(bytesOf([0x45, 0x52, 0x1a, 0x0a]), 0)).toBe(2);
    // Any other control character last is refused.
    expect(findControlCharacter('ER  - \u0007')).toBe(6);
    expect(findControlByte(bytesOf([0x45, 0x07]), 0)).toBe(1);
  });

  it('reports the first control character, and looks for bytes only from where it is told', () => {
    expect(findControlCharacter('a\u0001b\u0002')).toBe(1);
    expect(findControlByte(bytesOf([0x00, 0x41, 0x01, 0x02]), 0)).toBe(0);
    expect(findControlByte(bytesOf([0x00, 0x41, 0x01, 0x02]), 1)).toBe(2);
    expect(findControlByte(bytesOf([0x00, 0x41, 0x42]), 1)).toBe(-1);
    // UTF-8 bytes of accented letters (0x80 and up) are never control characters.
    expect(findControlByte(new Uint8Array(Buffer.from('Café ü\n', 'utf8')), 0)).toBe(-1);
  });

  it('numbers lines ended by CRLF, LF or CR alike, in text and in bytes', () => {
    const text = 'one\r\ntwo\nthree\rfour\r\n\r\nsix';
    const bytesOfText = new Uint8Array(Buffer.from(text, 'latin1'));
    // offset: 0 'o' (1), 5 't' of two (2), 9 't' of three (3), 15 'f' (4), 21 CR of the empty line (5), 23 's' (6)
    const expected: [number, number][] = [
      [0, 1],
      [3, 1], // the CR of the first CRLF still belongs to line 1
      [4, 1], // and its LF too
      [5, 2],
      [9, 3],
      [14, 3], // the lone CR ends line 3
      [15, 4],
      [21, 5],
      [23, 6],
    ];
    for (const [offset, line] of expected) {
      expect([offset, lineOfOffset(text, offset)]).toEqual([offset, line]);
      expect([offset, lineOfOffset(bytesOfText, offset)]).toEqual([offset, line]);
    }
  });

  it('names the control character in four upper-case hex digits, on its line, for text and for bytes', () => {
    const reason = (name: string): string =>
      `this is a binary file or a damaged export: the line holds the control character ${name}, which text exports never contain; nothing was imported`;
    const fromText = binaryContentError('a.ris', 'TY  - JOUR\r\nTI  - x\u001b', 19);
    expect([fromText.file, fromText.line, fromText.reason]).toEqual(['a.ris', 2, reason('U+001B')]);
    const fromBytes = binaryContentError('b.nbib', bytesOf([0x50, 0x0a, 0x0a, 0x0f]), 3);
    expect([fromBytes.file, fromBytes.line, fromBytes.reason]).toEqual(['b.nbib', 3, reason('U+000F')]);
  });

  it('refuseBinaryText throws on a control character at the very start, and passes clean text', () => {
    expect(() => refuseBinaryText('\u0000TY  - JOUR', 'z.ris')).toThrow(
      'z.ris:1: this is a binary file or a damaged export: the line holds the control character U+0000',
    );
    expect(() => refuseBinaryText('TY  - JOUR\r\nER  - \r\n\u001a', 'z.ris')).not.toThrow();
  });
});
