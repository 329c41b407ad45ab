/**
 * readBibtexSyntax(): BibTeX text → items (entries, @string, @preamble) and problems, each
 * stated on a small snippet. parseBibtex() on real exports is tested in bibtex.test.ts.
 */
import { readBibtexSyntax, type SyntaxItem } from '../../../server/domain/import/bibtex-syntax';

const lit = (text: string) => ({ kind: 'literal', text });
const mac = (name: string) => ({ kind: 'macro', name });
/** Each item as its key (an entry) or its kind. */
const keys = (items: SyntaxItem[]) => items.map((i) => (i.kind === 'entry' ? i.key : i.kind));

describe('readBibtexSyntax(): values', () => {
  it('reads braced, quoted, numeric and macro parts joined by #', () => {
    const { items, problems } = readBibtexSyntax(
      '@article{k, a = {x {y} \\} z}, b = "q {"} r", c = 2021, d = Jan # { 1} # "2", e = 09, f = 9, g = +1, h = "a \\" b"}',
    );
    expect(problems).toEqual([]);
    expect(items).toEqual([
      {
        kind: 'entry',
        type: 'article',
        key: 'k',
        line: 1,
        fields: [
          { name: 'a', parts: [lit('x {y} \\} z')], line: 1 },
          { name: 'b', parts: [lit('q {"} r')], line: 1 },
          { name: 'c', parts: [lit('2021')], line: 1 },
          { name: 'd', parts: [mac('jan'), lit(' 1'), lit('2')], line: 1 },
          { name: 'e', parts: [lit('09')], line: 1 },
          { name: 'f', parts: [lit('9')], line: 1 },
          { name: 'g', parts: [mac('+1')], line: 1 },
          { name: 'h', parts: [lit('a \\" b')], line: 1 },
        ],
      },
    ]);
  });

  it.each([
    [' ', ' '],
    ['\t', '\t'],
    ['\n', '\n'],
    ['\r', '\r\n'],
  ])('ends a macro name at %j', (_, space) => {
    const { items } = readBibtexSyntax(`@misc{k, a = abc${space}# def${space}}`);
    expect(items).toEqual([
      {
        kind: 'entry',
        type: 'misc',
        key: 'k',
        line: 1,
        fields: [{ name: 'a', parts: [mac('abc'), mac('def')], line: 1 }],
      },
    ]);
  });

  it.each([[','], ['}']])('ends a macro name at %j', (stop) => {
    const { items } = readBibtexSyntax(`@misc{k, a = abc${stop}}`);
    expect(items).toEqual([
      {
        kind: 'entry',
        type: 'misc',
        key: 'k',
        line: 1,
        fields: [{ name: 'a', parts: [mac('abc')], line: 1 }],
      },
    ]);
  });

  it('ends a macro name at "#"', () => {
    const { items } = readBibtexSyntax('@misc{k, a = abc#{x}}');
    expect(items).toEqual([
      {
        kind: 'entry',
        type: 'misc',
        key: 'k',
        line: 1,
        fields: [{ name: 'a', parts: [mac('abc'), lit('x')], line: 1 }],
      },
    ]);
  });

  it.each([['('], [')'], ['"'], ['@'], ['%'], ["'"], ['{'], ['=']])(
    'ends a macro name at %j, which cannot follow a value',
    (stop) => {
      const { items, problems } = readBibtexSyntax(`@misc{k, a = abc${stop}x}\n@misc{ok, b = {B}}`);
      expect(keys(items)).toEqual(['ok']);
      expect(problems).toEqual([
        {
          line: 1,
          message: `expected "," or "}" after field "a" in entry "k", found "${stop}" (at line 1); entry skipped`,
          skipped: true,
        },
      ]);
    },
  );

  it('reads an entry in parentheses, whose values may hold ")"', () => {
    const { items, problems } = readBibtexSyntax('@book(k, title = {A (B)}, year = 2000)');
    expect(problems).toEqual([]);
    expect(items).toEqual([
      {
        kind: 'entry',
        type: 'book',
        key: 'k',
        line: 1,
        fields: [
          { name: 'title', parts: [lit('A (B)')], line: 1 },
          { name: 'year', parts: [lit('2000')], line: 1 },
        ],
      },
    ]);
  });
});

describe('readBibtexSyntax(): @string, @preamble, @comment', () => {
  it('reads @string and @preamble with either delimiter', () => {
    const { items, problems } = readBibtexSyntax(
      '@String{J = {Journal}}\n@string(k = "K" # j)\n@preamble{"\\newcommand" # {x}}\n@PREAMBLE( {y} )',
    );
    expect(problems).toEqual([]);
    expect(items).toEqual([
      { kind: 'string', name: 'j', parts: [lit('Journal')], line: 1 },
      { kind: 'string', name: 'k', parts: [lit('K'), mac('j')], line: 2 },
      { kind: 'preamble', parts: [lit('\\newcommand'), lit('x')], line: 3 },
      { kind: 'preamble', parts: [lit('y')], line: 4 },
    ]);
  });

  it.each([
    ['@string{ = {x}}', '@string without a name (at line 1); entry skipped'],
    ['@string{j {x}}', 'expected "=" after @string name "j" (at line 1); entry skipped'],
    ['@string{j = {x} junk}', 'expected "}" (at line 1); entry skipped'],
    ['@preamble{"x" "y"}', 'expected "}" (at line 1); entry skipped'],
    ['@string{j = }', 'expected a value, found "}" (at line 1); entry skipped'],
  ])('skips %j: %s', (text, message) => {
    const { items, problems } = readBibtexSyntax(`${text}\n@misc{ok}`);
    expect(items.map((i) => i.kind)).toEqual(['entry']);
    expect(problems).toEqual([{ line: 1, message, skipped: true }]);
  });

  it('skips a @comment with nested delimiters, and ends an unclosed one at its line', () => {
    const { items, problems } = readBibtexSyntax(
      '@comment{a {b} c}@misc{one}\n@comment(x (y) z)@misc{two}\n@comment{never closed @misc{hidden}\n@misc{three}',
    );
    expect(problems).toEqual([]);
    expect(keys(items)).toEqual(['one', 'two', 'three']);
  });

  it('reads "@comment" without a brace, and a stray @ in text, as comment text', () => {
    const { items, problems } = readBibtexSyntax(
      '@comment this file is mine\nmail me at jane@example.org, or @ here\n@misc{one}',
    );
    expect(problems).toEqual([]);
    expect(keys(items)).toEqual(['one']);
  });

  it('skips a @comment whose nested group holds an entry', () => {
    const { items } = readBibtexSyntax('@comment{see {this} @misc{hidden}}\n@misc{shown}');
    expect(keys(items)).toEqual(['shown']);
  });

  it('reads an @ right after the first character of the file as text', () => {
    const { items, problems } = readBibtexSyntax('x@y z\n@misc{one}');
    expect(problems).toEqual([]);
    expect(keys(items)).toEqual(['one']);
  });

  it('reads an entry that starts after text on the first line', () => {
    const { items, problems } = readBibtexSyntax('See: @misc{a, b = {1}}');
    expect(problems).toEqual([]);
    expect(items).toEqual([
      { kind: 'entry', type: 'misc', key: 'a', line: 1, fields: [{ name: 'b', parts: [lit('1')], line: 1 }] },
    ]);
  });

  it('ends a @comment left open on the last line at the end of the file', () => {
    const { items, problems } = readBibtexSyntax('@misc{one}\n@comment{never closed');
    expect(problems).toEqual([]);
    expect(keys(items)).toEqual(['one']);
  });

  it('skips a second @ right after the first', () => {
    const { items } = readBibtexSyntax('@@article{k, title = {T}}');
    expect(items).toEqual([
      {
        kind: 'entry',
        type: 'article',
        key: 'k',
        line: 1,
        fields: [{ name: 'title', parts: [lit('T')], line: 1 }],
      },
    ]);
  });
});

describe('readBibtexSyntax(): % comments', () => {
  it('skips entries on a line commented out with %, but not an @ before the %', () => {
    const { items } = readBibtexSyntax(
      '% @misc{a} @misc{b}\n  %@misc{c}\n@misc{d} % @misc{e}\nx % y @misc{f}\n@misc{g}',
    );
    expect(keys(items)).toEqual(['d', 'g']);
  });

  it('reads a % comment on the last line of an unclosed entry as its end', () => {
    const { items, problems } = readBibtexSyntax('@misc{k, a = {A},\n% trailing comment');
    expect(items).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual(['file ends inside entry "k" (at line 2); entry skipped']);
  });

  it('skips a commented entry on the second line', () => {
    const { items } = readBibtexSyntax('\n% @misc{a}\n@misc{b}');
    expect(keys(items)).toEqual(['b']);
  });

  it('skips whole-line % comments inside an entry, but not a % after a value', () => {
    const { items, problems } = readBibtexSyntax('@misc{k,\n  % a = {commented}, ends here\n%\nb = {B}\n}');
    expect(problems).toEqual([]);
    expect((items[0] as { fields: { name: string }[] }).fields.map((f) => f.name)).toEqual(['b']);
  });
});

describe('readBibtexSyntax(): white space', () => {
  it('skips spaces, tabs, line ends and a byte-order mark between tokens', () => {
    const { items, problems } = readBibtexSyntax('@misc\t{\r\nk\t,\ufeff a\r\n=\t{A}\r\n,\n}');
    expect(problems).toEqual([]);
    expect(items).toEqual([
      { kind: 'entry', type: 'misc', key: 'k', line: 1, fields: [{ name: 'a', parts: [lit('A')], line: 2 }] },
    ]);
  });

  it('sees an entry indented with a tab as the next entry', () => {
    const kept = readBibtexSyntax('@misc{a, x = {1},\n\t@misc{b}');
    expect(keys(kept.items)).toEqual(['a', 'b']);
    expect(kept.problems.map((p) => p.message)).toEqual([
      'entry "a" is not closed before the next entry at line 2 (an unbalanced brace in a value?); kept as read',
    ]);
    const unclosed = readBibtexSyntax('@misc{a, x = {1\n\t @misc{b}');
    expect(keys(unclosed.items)).toEqual(['b']);
    expect(unclosed.problems.map((p) => p.message)).toEqual([
      'unbalanced braces: a "{" is never closed before the next entry at line 2 (at line 1); entry skipped',
    ]);
  });

  it('does not skip a % that follows a value on its line', () => {
    const { items, problems } = readBibtexSyntax('@misc{k, a = {A} % note\n}');
    expect(items).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([
      'expected "," or "}" after field "a" in entry "k", found "%" (at line 1); entry skipped',
    ]);
  });
});

describe('readBibtexSyntax(): keys', () => {
  it.each([
    ['@misc{k1,a={A}}', 'k1'],
    ['@misc{k2 , a={A}}', 'k2'],
    ['@misc{k3\t,a={A}}', 'k3'],
    ['@misc{k4\r\n,a={A}}', 'k4'],
    ['@misc{k5}', 'k5'],
    ['@misc(k6)', 'k6'],
    ['@misc{k:7/8-9.x}', 'k:7/8-9.x'],
  ])('reads the key of %j', (text, key) => {
    const { items, problems } = readBibtexSyntax(text);
    expect(problems).toEqual([]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'entry', key });
  });

  it('stops a key at a brace or an @', () => {
    const { items, problems } = readBibtexSyntax(
      '@misc{k{x}, a = {A}}\n@misc{m@n, a = {A}}\n@misc(o}, a = {A})',
    );
    expect(items).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([
      'missing comma after the key "k"',
      'unexpected "{" where a field name was expected in entry "k" (at line 1); entry skipped',
      'missing comma after the key "m"',
      'unexpected "@" where a field name was expected in entry "m" (at line 2); entry skipped',
      'missing comma after the key "o"',
      'unexpected "}" where a field name was expected in entry "o" (at line 3); entry skipped',
    ]);
  });

  it('reads an entry without a key, with a problem', () => {
    const { items, problems } = readBibtexSyntax('@misc{a = {A}}');
    expect(items).toEqual([
      { kind: 'entry', type: 'misc', key: '', line: 1, fields: [{ name: 'a', parts: [lit('A')], line: 1 }] },
    ]);
    expect(problems).toEqual([{ line: 1, message: '@misc entry has no key', skipped: false, item: 0 }]);
  });

  it('recovers a missing comma after the key', () => {
    const { items, problems } = readBibtexSyntax('@misc{k\n a = {A}}');
    expect(items).toHaveLength(1);
    expect(problems).toEqual([
      { line: 2, message: 'missing comma after the key "k"', skipped: false, item: 0 },
    ]);
  });
});

describe('readBibtexSyntax(): broken entries', () => {
  it('numbers lines, and names the item a kept problem belongs to', () => {
    const { items, problems } = readBibtexSyntax(
      '\n\n@string{j = {J}}\n\n@misc{a,\n  x = {1}\n  y = {2}\n}\n@misc{b, z = {3}}\n',
    );
    expect(items.map((i) => [i.kind, i.line])).toEqual([
      ['string', 3],
      ['entry', 5],
      ['entry', 9],
    ]);
    expect(problems).toEqual([
      { line: 7, message: 'missing comma after field "x" in entry "a"', skipped: false, item: 1 },
    ]);
    expect((items[1] as { fields: { line: number }[] }).fields.map((f) => f.line)).toEqual([6, 7]);
  });

  it('keeps an entry never closed before the next one, and reads the next', () => {
    const { items, problems } = readBibtexSyntax('@misc{a, x = {1},\n\n@misc{b, y = {2}}');
    expect(keys(items)).toEqual(['a', 'b']);
    expect(problems).toEqual([
      {
        line: 1,
        message:
          'entry "a" is not closed before the next entry at line 3 (an unbalanced brace in a value?); kept as read',
        skipped: false,
        item: 0,
      },
    ]);
  });

  it('keeps an entry whose last value runs into the next entry', () => {
    const { items, problems } = readBibtexSyntax('@misc{a, x = {1}\n  @misc{b, y = {2}}');
    expect(keys(items)).toEqual(['a', 'b']);
    expect(problems).toEqual([
      {
        line: 1,
        message:
          'entry "a" is not closed before the next entry at line 2 (an unbalanced brace in a value?); kept as read',
        skipped: false,
        item: 0,
      },
    ]);
  });

  it.each([
    ['@misc{a, x = {1}', 'file ends inside entry "a" (at line 1); entry skipped'],
    ['@misc{a, x = {1},', 'file ends inside entry "a" (at line 1); entry skipped'],
    ['@misc{a, x = ', 'file ends where a value was expected (at line 1); entry skipped'],
    ['@misc{a, x = {1', 'unbalanced braces: a "{" is never closed (at line 1); entry skipped'],
    ['@misc{a, x = "1', 'a quoted value is never closed (at line 1); entry skipped'],
    ['@misc{a, x = "1}"}', 'unbalanced braces inside a quoted value (at line 1); entry skipped'],
    [
      '@misc{a, x = {1} y}',
      'expected "," or "}" after field "x" in entry "a", found "y" (at line 1); entry skipped',
    ],
    [
      '@misc{a, = {1}}',
      'unexpected "=" where a field name was expected in entry "a" (at line 1); entry skipped',
    ],
    ['@misc a', 'expected "{" after @misc (at line 1); entry skipped'],
  ])('skips %j: %s', (text, message) => {
    const { items, problems } = readBibtexSyntax(text);
    expect(items).toEqual([]);
    expect(problems).toEqual([{ line: 1, message, skipped: true }]);
  });

  it('says which entry an unclosed value ran into, and resumes there', () => {
    const { items, problems } = readBibtexSyntax('@misc{a, x = {1}\n\n@misc{b, y = "2}\n @misc{c, z = {3}}');
    expect(keys(items)).toEqual(['a', 'c']);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [
        1,
        'entry "a" is not closed before the next entry at line 3 (an unbalanced brace in a value?); kept as read',
      ],
      [3, 'unbalanced braces inside a quoted value (at line 3); entry skipped'],
    ]);
    const unclosed = readBibtexSyntax('@misc{a, x = {1\n@misc{b, y = "2\n@misc{c}');
    expect(unclosed.problems.map((p) => p.message)).toEqual([
      'unbalanced braces: a "{" is never closed before the next entry at line 2 (at line 1); entry skipped',
      'a quoted value is never closed before the next entry at line 3 (at line 2); entry skipped',
    ]);
    expect(unclosed.items).toHaveLength(1);
  });

  it('accepts the other closing delimiter at the end of an entry, with a problem', () => {
    const { items, problems } = readBibtexSyntax(
      '@misc{a, x = {1})\n@misc(b, y = {2}}\n\n@misc{c, z = {3})  ',
    );
    expect(keys(items)).toEqual(['a', 'b', 'c']);
    expect(problems).toEqual([
      { line: 1, message: 'entry "a" opened with "{" is closed with ")"', skipped: false, item: 0 },
      { line: 2, message: 'entry "b" opened with "(" is closed with "}"', skipped: false, item: 1 },
      { line: 4, message: 'entry "c" opened with "{" is closed with ")"', skipped: false, item: 2 },
    ]);
  });

  it.each([[' '], ['\t'], ['\n'], ['\r\n']])(
    'recovers a missing comma before a field whose "=" follows %j',
    (space) => {
      const { items, problems } = readBibtexSyntax(`@misc{k, a = {A} b${space}= {B}}`);
      expect((items[0] as { fields: { name: string }[] }).fields.map((f) => f.name)).toEqual(['a', 'b']);
      expect(problems.map((p) => p.message)).toEqual(['missing comma after field "a" in entry "k"']);
    },
  );

  it('does not take the other delimiter for the end when text follows before the next entry', () => {
    const { items, problems } = readBibtexSyntax('@misc{a, x = {1})\n  junk\n@misc{b}');
    expect(keys(items)).toEqual(['b']);
    expect(problems.map((p) => p.message)).toEqual([
      'expected "," or "}" after field "x" in entry "a", found ")" (at line 1); entry skipped',
    ]);
  });

  it('does not take the other delimiter for the end when an entry follows on its line', () => {
    const { items, problems } = readBibtexSyntax('@misc{a, x = {1}) @misc{b}');
    expect(items).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([
      'expected "," or "}" after field "x" in entry "a", found ")" (at line 1); entry skipped',
    ]);
  });

  it('does not take the other delimiter for the end when more follows on its line', () => {
    const { items, problems } = readBibtexSyntax('@misc{a, x = {1}) y = {2}}\n@misc{b}');
    expect(keys(items)).toEqual(['b']);
    expect(problems).toEqual([
      {
        line: 1,
        message: 'expected "," or "}" after field "x" in entry "a", found ")" (at line 1); entry skipped',
        skipped: true,
      },
    ]);
  });
});
