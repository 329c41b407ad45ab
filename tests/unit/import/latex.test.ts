import { latexToUnicode, latexVerbatim } from '../../../server/domain/import/latex';

describe('latexToUnicode()', () => {
  it.each([
    ["Jean Laid{\\'e}", 'Jean Laidé'],
    ['{\\"o}ffentlich', 'öffentlich'],
    ['Schr\\"{o}dinger', 'Schrödinger'],
    ['M\\"uller', 'Müller'],
    ['Fran\\c{c}ois \\c c', 'François ç'],
    ['Stra\\ss e', 'Straße'],
    ['\\o re \\O\\aa\\AA\\ae\\oe', 'øre ØåÅæœ'],
    ["\\L{}\\'od\\'z", 'Łódź'],
    ["\\'{\\i}ndice", 'índice'],
    ['\\v{S}koda \\H{o} \\k{a} \\r{u} \\~n \\^e \\`a \\=o \\.z \\u{g}', 'Škoda ő ą ů ñ ê à ō ż ğ'],
    // Dot below, line below, tie and double grave, as transliterations of Arabic, Sanskrit and
    // Slavic names use them (written as code points: ḥ U+1E25 is not ḣ U+1E23, the dot above).
    ['Mu\\d{h}ammad \\d s', 'Mu\u1e25ammad \u1e63'],
    ['\\b{k}h\\b{a}', '\u1e35ha\u0331'],
    ['\\t{oo} \\t{ts}', 'o\u0361o t\u0361s'],
    ['\\G{a} \\G{o}', '\u0201 \u020d'],
    ['pages 1--10, a---b', 'pages 1–10, a—b'],
    ['n.s.~2', 'n.s. 2'],
    ['\\& \\% \\_ \\$ \\#', '& % _ $ #'],
    ['\\textit{Homo} \\emph{sapiens} \\textbf{bold} {\\it old style}', 'Homo sapiens bold old style'],
    ['{An} amazing {{title}}', 'An amazing title'],
    ['$\\alpha$-synuclein and Ca$^{2+}$', 'α-synuclein and Ca2+'],
    ["``quoted'' and `single'", "“quoted” and ‘single'"],
    ['{\\textless} 1 year', '< 1 year'],
    ["pelvic-limb ''bunny hopping''", "pelvic-limb ''bunny hopping''"],
    ['\\href{https://example.org}{Example}', 'Example'],
    ['\\url{https://example.org/a_b}', 'https://example.org/a_b'],
    ['\\ElsevierGlyph{2014}', '—'],
    ['{\\noopsort{1973a}}Knuth', 'Knuth'],
    ['', ''],
    ['plain text', 'plain text'],
    ['line\\\nbreak and control\\ space', 'line break and control space'],
  ])('%j → %j', (input, expected) => {
    expect(latexToUnicode(input)).toBe(expected);
  });

  it('keeps the argument text of an unknown command and reports the command', () => {
    const unknown: string[] = [];
    expect(latexToUnicode('\\mkbibquote{Quoted} and \\foo bar', (c) => unknown.push(c))).toBe(
      'Quoted and bar',
    );
    expect(unknown).toEqual(['\\mkbibquote', '\\foo']);
  });

  it('does not mistake Object.prototype names for commands', () => {
    expect(latexToUnicode('\\constructor{x}\\toString')).toBe('x');
  });

  it('returns composed (NFC) characters', () => {
    expect(latexToUnicode("\\'e")).toBe('\u00e9');
  });

  it('survives broken markup: a lone backslash, unclosed groups, an accent at the end', () => {
    expect(latexToUnicode('\\')).toBe('\\');
    expect(latexToUnicode('{\\"o')).toBe('ö');
    expect(latexToUnicode("a\\'")).toBe('a´');
  });
});

describe('latexToUnicode() on the edges of its syntax', () => {
  it.each([
    ['{H_2O} x^2', 'H_2O x^2'], // sub- and superscripts are kept as written outside math
    ['{well-known}', 'well-known'],
    ['a---', 'a\u2014'],
    ['a--', 'a\u2013'],
    ['\\v\\j \\"\\i', '\u01f0 \u00ef'], // a command as the accent's argument, dotless letters made plain
    ["\\'{ab}", '\u00e1b'],
    ['\\c\tc', '\u00e7'],
    ["{\\'}x", '\u00b4x'],
    ['\\textbf{a\\}b}c', 'a}bc'],
    ['\\textbf{abc', 'abc'],
    ['\\path{a_b\\_c}', 'a_b_c'],
    ["``a'' ``b''", '\u201ca\u201d \u201cb\u201d'],
    ["``a'' ''b''", "\u201ca\u201d ''b''"],
    ['\\ElsevierGlyph{10FFFF}', '\u{10ffff}'],
    ['\\ElsevierGlyph{110000}', ''],
    ['\\ElsevierGlyph{0}', ''],
    ['\\ElsevierGlyph{zz}', ''],
  ])('%j → %j', (input, expected) => {
    expect(latexToUnicode(input)).toBe(expected);
  });

  it('reads a letter accent with nothing to accent as an unknown command', () => {
    const unknown: string[] = [];
    expect(latexToUnicode('{\\d}x', (c) => unknown.push(c))).toBe('x');
    expect(unknown).toEqual(['\\d']);
  });

  it('leaves decomposed characters it did not compose as they were', () => {
    expect(latexToUnicode('{e\u0301}')).toBe('e\u0301');
  });
});

describe('latexToUnicode() at the limits of what it reads', () => {
  it.each([
    ['--', '\u2013'], // made only of markup: nothing is returned as it came
    ['{}', ''],
    ["\\'{a\\i}", '\u00e1\u0131'], // only a dotless letter that comes first is made plain
    ['\\v{a\\j}', '\u01ce\u0237'],
    ['\\d{}x', 'x'], // an accent with no spacing form and an empty argument leaves nothing
    ["\\textbf{\\'e}", '\u00e9'], // an accent inside a text command is still composed
    ['a\\cite[p', 'a'], // an optional argument never closed runs to the end
    ["``it's''", "\u201cit's\u201d"], // an apostrophe inside a quotation does not close it
    ['\\url{https://a.org/~me/a--b}', 'https://a.org/~me/a--b'], // a URL is not prose
    ['\\path{~/a--b}', '~/a--b'],
    ['\\textbf{e\u0301}', 'e\u0301'], // nothing was composed, so nothing is normalised
    ['x\\footnote{see {A} here}y', 'xy'], // a dropped argument ends at its own closing brace
    ["\\'\\&", '&\u0301'], // a command of one character as the accent's argument
    ['\\=\\ae', '\u01e3'], // a control word as the accent's argument
  ])('%j → %j', (input, expected) => {
    expect(latexToUnicode(input)).toBe(expected);
  });

  it('reads a letter accent at the very end as an unknown command, not as an accent alone', () => {
    const unknown: string[] = [];
    expect(latexToUnicode('a\\c', (c) => unknown.push(c))).toBe('a');
    expect(unknown).toEqual(['\\c']);
  });

  it('reads a letter accent followed by spaces or a tab and the end of its group as an unknown command', () => {
    const unknown: string[] = [];
    expect(latexToUnicode('{\\c }x{\\c\t}x', (c) => unknown.push(c))).toBe(' x\tx');
    expect(unknown).toEqual(['\\c', '\\c']);
  });

  it('reads a control word as every ASCII letter from A to z', () => {
    const unknown: string[] = [];
    expect(latexToUnicode('\\Zap \\zap \\Aap \\aap', (c) => unknown.push(c))).toBe('');
    expect(unknown).toEqual(['\\Zap', '\\zap', '\\Aap', '\\aap']);
  });

  it('decodes 64 nested arguments and strips the markup of deeper ones', () => {
    const nest = (levels: number) => '\\textbf{'.repeat(levels) + '\\ss' + '}'.repeat(levels);
    expect(latexToUnicode(nest(64))).toBe('\u00df');
    expect(latexToUnicode(nest(65))).toBe('ss');
    const accentInside = '\\textbf{'.repeat(64) + "\\'{\\ss}" + '}'.repeat(64);
    expect(latexToUnicode(accentInside)).toBe('\u015bs'); // the accent's argument is the 65th level
  });
});

describe('latexVerbatim()', () => {
  it('only unescapes, leaving URLs and DOIs intact', () => {
    expect(latexVerbatim('{10.1000/a\\_b}')).toBe('10.1000/a_b');
    expect(latexVerbatim('http://x.org/~me/50\\%--off')).toBe('http://x.org/~me/50%--off');
  });

  it.each([
    ['\\url{https://a.org/~x\\#y}', 'https://a.org/~x#y'],
    ['\\href  {https://a.org}', 'https://a.org'],
    ['\\nolinkurl{a}', 'a'],
    ['a\\textunderscore{}b\\textasciitilde c', 'a_b~ c'],
    ['\\&\\%\\#\\$\\_\\{\\}\\~', '&%#$_{}~'],
    ['{}', ''],
    ['a\\b', 'a\\b'],
  ])('%j → %j', (input, expected) => {
    expect(latexVerbatim(input)).toBe(expected);
  });
});
