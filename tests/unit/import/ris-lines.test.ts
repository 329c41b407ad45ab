import { ParseError } from '../../../server/domain/errors';
import { parseRis } from '../../../server/domain/import/ris';

/** The raw fields of each record read from `text`. */
function raws(text: string) {
  return parseRis(text, 'x.ris').records.map((r) => r.raw);
}

describe('parseRis() tag lines, character by character', () => {
  it.each([
    // The first character is a capital A–Z, the second a capital or a digit.
    ['AU  - Trindade, Ines A', ['AU', 'Trindade, Ines A']],
    ['ZZ  - last letters', ['ZZ', 'last letters']],
    ['A1  - Irons, Chris', ['A1', 'Irons, Chris']],
    ['T0  - a digit zero', ['T0', 'a digit zero']],
    ['Y9  - a digit nine', ['Y9', 'a digit nine']],
    ['NZ  - a second Z', ['NZ', 'a second Z']],
    ['NA  - a second A', ['NA', 'a second A']],
    // One space before the dash (some tools), or two (the standard); a value may be missing.
    ['KW - one space', ['KW', 'one space']],
    ['N1  - ', ['N1', '']],
    ['N1  -', ['N1', '']],
    ['N1 -', ['N1', '']],
    ['N1 - ', ['N1', '']],
    ['N1  -   ', ['N1', '']],
    ['N1 - x', ['N1', 'x']],
    ['N1  - value and trailing spaces   ', ['N1', 'value and trailing spaces']],
  ])('%j is a tag line', (line, field) => {
    expect(raws(`TY  - JOUR\n${line}\nER  - \n`)).toEqual([[['TY', 'JOUR'], field]]);
  });

  it.each([
    '@A  - a character before A',
    '[A  - a character after Z',
    'aU  - a lower-case first letter',
    '1A  - a digit first',
    'A@  - a character before A second',
    'A[  - a character after Z second',
    'A/  - a character before 0 second',
    'A:  - a character after 9 second',
    'Au  - a lower-case second letter',
    'AU   - three spaces before the dash',
    'AU  x- no dash where one belongs',
    'AU x- a letter before the dash',
    'AU  x value',
    'AU  -x glued to the dash',
    'AU -x glued to the dash',
    'AU. - a dot for the space',
    ' AU  - indented',
    'A',
  ])('%j continues the field above', (line) => {
    expect(raws(`TY  - JOUR\nN1  - Note\n${line}\nER  - \n`)).toEqual([
      [
        ['TY', 'JOUR'],
        ['N1', `Note\n${line.trim()}`],
      ],
    ]);
  });
});

describe('parseRis() records, and the lines between them', () => {
  it('continues a field whose own value was empty with the next line alone', () => {
    expect(raws('TY  - JOUR\nAB  - \n   Abstract on its own line.\n  and a second\nER  - \n')).toEqual([
      [
        ['TY', 'JOUR'],
        ['AB', 'Abstract on its own line.\nand a second'],
      ],
    ]);
  });

  it('reads the first line of a file that has no line end', () => {
    expect(raws('TY  - JOUR')).toEqual([[['TY', 'JOUR']]]);
  });

  it('keeps fields written after ER with the record before, and skips Ovid link and numbering lines', () => {
    // The shape of tests/fixtures/import/ris/ovid_psycinfo.ris.
    const text = [
      '1.',
      'TY  - JOUR',
      'T1  - The influence of self-criticism on depression symptoms',
      'ER  -',
      'NL  - Clin Psychol Psychother',
      'N1  - a second trailing field',
      '',
      'Link to the Ovid Full Text or citation: https://login.proxy.library.uu.nl/login',
      '',
      '  2. ',
      'TY  - JOUR',
      'T1  - Second',
      'ER  -',
      'NL  - J Health Psychol',
      '',
      'Link to the Ovid Full Text or citation: https://login.proxy.library.uu.nl/login2',
      '',
    ].join('\n');
    const { records, warnings } = parseRis(text, 'ovid.ris');
    expect(records.map((r) => r.raw)).toEqual([
      [
        ['TY', 'JOUR'],
        ['T1', 'The influence of self-criticism on depression symptoms'],
        ['NL', 'Clin Psychol Psychother'],
        ['N1', 'a second trailing field'],
      ],
      [
        ['TY', 'JOUR'],
        ['T1', 'Second'],
        ['NL', 'J Health Psychol'],
      ],
    ]);
    expect(warnings).toEqual([
      {
        line: 8,
        record: null,
        message: '2 line(s) of text outside any record were skipped (first at line 8)',
      },
      {
        line: 5,
        record: null,
        message:
          '3 tagged line(s) written after an ER were kept with the record before them (first at line 5)',
      },
    ]);
  });

  it('continues a trailing field after ER with the text right below it, not with text after a blank line', () => {
    const text =
      'TY  - JOUR\nTI  - One\nER  - \nN1  - trailing\ncontinued\n\nstray\nTY  - JOUR\nTI  - Two\nER  - \n';
    const { records, warnings } = parseRis(text, 'x.ris');
    expect(records[0]!.raw).toEqual([
      ['TY', 'JOUR'],
      ['TI', 'One'],
      ['N1', 'trailing\ncontinued'],
    ]);
    expect(warnings.map((w) => w.message)).toEqual([
      '1 line(s) of text outside any record were skipped (first at line 7)',
      '1 tagged line(s) written after an ER were kept with the record before them (first at line 4)',
    ]);
  });

  it('counts numbers without a dot, or with more after it, as stray text', () => {
    const text =
      'TY  - JOUR\nTI  - One\nER  - \n\n12.\n3\n4.5\n\t7.\t\nRecord 8.\nTY  - JOUR\nTI  - Two\nER  - \n';
    expect(parseRis(text, 'x.ris').warnings).toEqual([
      {
        line: 6,
        record: null,
        message: '3 line(s) of text outside any record were skipped (first at line 6)',
      },
    ]);
  });

  it('reads a record whose TY is missing from its first tag up to its ER, and says so', () => {
    const text =
      'TY  - JOUR\nTI  - One\nER  - \n\nTI  - No type\nAU  - Li, X\nER  - \nTY  - JOUR\nTI  - Three\nER  - \n';
    const { records, warnings } = parseRis(text, 'x.ris');
    expect(records.map((r) => r.raw)).toEqual([
      [
        ['TY', 'JOUR'],
        ['TI', 'One'],
      ],
      [
        ['TI', 'No type'],
        ['AU', 'Li, X'],
      ],
      [
        ['TY', 'JOUR'],
        ['TI', 'Three'],
      ],
    ]);
    expect(warnings).toEqual([
      { line: 5, record: 2, message: 'record does not start with TY; read from its first tag' },
    ]);
  });

  it('reads tags before the first TY as a record of their own, whether an ER or a TY follows them', () => {
    const beforeTy = parseRis('TI  - No type\nTY  - JOUR\nTI  - Two\nER  - \n', 'x.ris');
    expect(beforeTy.records.map((r) => r.raw)).toEqual([
      [['TI', 'No type']],
      [
        ['TY', 'JOUR'],
        ['TI', 'Two'],
      ],
    ]);
    expect(beforeTy.warnings).toEqual([
      { line: 1, record: 1, message: 'record does not start with TY; read from its first tag' },
    ]);
    const alone = parseRis('\nTI  - Only tags\nAU  - Li, X\n', 'x.ris');
    expect(alone.records.map((r) => r.raw)).toEqual([
      [
        ['TI', 'Only tags'],
        ['AU', 'Li, X'],
      ],
    ]);
    expect(alone.warnings).toEqual([
      { line: 2, record: 1, message: 'record does not start with TY; read from its first tag' },
    ]);
  });

  it('ignores an ER outside any record, with a warning naming its line', () => {
    const { records, warnings } = parseRis('TY  - JOUR\nTI  - One\nER  - \nER  - \n\nER  -\n', 'x.ris');
    expect(records).toHaveLength(1);
    expect(warnings).toEqual([
      { line: 4, record: null, message: 'ER line outside any record was ignored' },
      { line: 6, record: null, message: 'ER line outside any record was ignored' },
    ]);
  });

  it('closes a record at the next TY when its ER is missing, naming both lines', () => {
    const { records, warnings } = parseRis(
      'TY  - JOUR\nTI  - One\nER  - \n\nTY  - JOUR\nTI  - Two\nTY  - BOOK\nTI  - Three\nER  - \n',
      'x.ris',
    );
    expect(records.map((r) => r.title)).toEqual(['One', 'Two', 'Three']);
    expect(warnings).toEqual([
      { line: 5, record: 2, message: 'record has no ER line before the next TY at line 7' },
    ]);
  });

  it('keeps a record the file ends inside, naming its line and number', () => {
    const { records, warnings } = parseRis('TY  - JOUR\nTI  - One\nER  - \nTY  - JOUR\nTI  - Two\n', 'x.ris');
    expect(records.map((r) => r.title)).toEqual(['One', 'Two']);
    expect(warnings).toEqual([
      { line: 4, record: 2, message: 'file ends inside a record (no ER line); the record was kept' },
    ]);
  });

  it('refuses a file with no record, quoting its first line of text (cut at 60 characters)', () => {
    expect(() => parseRis('', 'x.ris')).toThrow(new ParseError('x.ris', null, 'the file is empty'));
    expect(() => parseRis('\ufeff \n\t\n', 'x.ris')).toThrow(
      new ParseError('x.ris', null, 'the file is empty'),
    );
    const long = 'PMID- 30922926 is MEDLINE, not RIS: this line runs on well past sixty characters';
    expect(() => parseRis(`\n${long}\nOWN - NLM\n`, 'x.ris')).toThrow(
      new ParseError(
        'x.ris',
        2,
        `no RIS record found: expected a line like "TY  - JOUR", found "${long.slice(0, 60)}…"`,
      ),
    );
    // A line of an ideographic space is text (not blank to isBlankLine) that quotes as nothing.
    expect(() => parseRis('\u3000\n', 'x.ris')).toThrow(
      new ParseError('x.ris', 1, 'no RIS record found: expected a line like "TY  - JOUR", found ""'),
    );
    const sixty = 'x'.repeat(60);
    expect(() => parseRis(`1.\n${sixty}\n`, 'x.ris')).toThrow(
      new ParseError('x.ris', 1, `no RIS record found: expected a line like "TY  - JOUR", found "1."`),
    );
    expect(() => parseRis(`${sixty}\n`, 'x.ris')).toThrow(
      new ParseError('x.ris', 1, `no RIS record found: expected a line like "TY  - JOUR", found "${sixty}"`),
    );
  });
});
