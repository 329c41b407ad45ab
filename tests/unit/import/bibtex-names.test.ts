import { formatName, parseName, splitNameList } from '../../../server/domain/import/bibtex-names';
import { latexToUnicode } from '../../../server/domain/import/latex';

const format = (name: string): string => formatName(parseName(name), (t) => latexToUnicode(t));

describe('splitNameList()', () => {
  it('splits on "and" in any case, outside braces only', () => {
    expect(splitNameList('Bird, R.B. and Armstrong, R.C. AND Hassager, O.')).toEqual([
      'Bird, R.B.',
      'Armstrong, R.C.',
      'Hassager, O.',
    ]);
    expect(splitNameList('{Barnes and Noble} and Alexander Andrews')).toEqual([
      '{Barnes and Noble}',
      'Alexander Andrews',
    ]);
    expect(splitNameList('Jane\nand\tJohn')).toEqual(['Jane', 'John']);
  });
});

describe('parseName() / formatName()', () => {
  it.each([
    ['Donald E. Knuth', 'Knuth, Donald E.'],
    ['Knuth, Donald E.', 'Knuth, Donald E.'],
    ['Ludwig van Beethoven', 'van Beethoven, Ludwig'],
    ['van Beethoven, Ludwig', 'van Beethoven, Ludwig'],
    ['Jan van der Berg', 'van der Berg, Jan'],
    ['Maria de la Cruz', 'de la Cruz, Maria'],
    ['de la Cruz, Maria', 'de la Cruz, Maria'],
    ['Ford, Jr., Henry', 'Ford, Henry, Jr.'],
    ['Ford, Jr, Henry', 'Ford, Henry, Jr'],
    ['{World Health Organization}', 'World Health Organization'],
    ["{\\'C}ulafi{\\'c}, Dragana", 'Ćulafić, Dragana'],
    ['Afirstname Bsecondname Cthirdname van Dam', 'van Dam, Afirstname Bsecondname Cthirdname'],
    [
      "Charles Louis Xavier Joseph de la Vall{\\'e}e Poussin",
      'de la Vallée Poussin, Charles Louis Xavier Joseph',
    ],
    ['given=Jane, family=Doe, prefix=van', 'van Doe, Jane'],
    ['Plato', 'Plato'],
    ['D.~E. Knuth', 'Knuth, D. E.'],
  ])('%s → %s', (input, expected) => {
    expect(format(input)).toBe(expected);
  });

  it('treats a braced word as caseless, not as a particle', () => {
    expect(parseName('{van} Gogh')).toEqual({ first: '{van}', von: '', last: 'Gogh', jr: '' });
  });

  it('reads the case of a special character from the letter after the command', () => {
    expect(parseName("Jean {\\'e}mile Zola").von).toBe("{\\'e}mile");
  });
});

describe('splitNameList() at the edges', () => {
  it.each([
    // A backslash escapes the space after it: "\ and" is text, not a separator.
    ['Jane\\ and John', ['Jane\\ and John']],
    // Nested groups stay one name until the outermost brace closes.
    ['{{Barnes} and {Noble}} and Alexander Andrews', ['{{Barnes} and {Noble}}', 'Alexander Andrews']],
    // A stray closing brace does not leave the list below depth 0.
    ['Jane} and John', ['Jane}', 'John']],
    // A tab or a lone carriage return before "and" separates as a space does.
    ['Jane\tand John', ['Jane', 'John']],
    ['Jane\rand John', ['Jane', 'John']],
    // An empty name between two separators is dropped.
    ['Jane and  and John', ['Jane', 'John']],
  ])('%j → %j', (input, expected) => {
    expect(splitNameList(input)).toEqual(expected);
  });
});

describe('parseName() part by part', () => {
  const parts = (first: string, von: string, last: string, jr = '') => ({ first, von, last, jr });

  it.each([
    // First von Last: the von part runs from the first to the last lower-case word before Last.
    ['Jan van der Berg', parts('Jan', 'van der', 'Berg')],
    ['Jean de Ville de la Fontaine', parts('Jean', 'de Ville de la', 'Fontaine')],
    ["Charles de la Vall{\\'e}e Poussin", parts('Charles', 'de la', "Vall{\\'e}e Poussin")],
    // The last word is Last even in lower case, and a lower-case first word starts von.
    ['Pierre de la fontaine', parts('Pierre', 'de la', 'fontaine')],
    ['Jane doe', parts('Jane', '', 'doe')],
    ['von Neumann', parts('', 'von', 'Neumann')],
    // A word that starts with punctuation is read by its first letter.
    ["Gerard 't Hooft", parts('Gerard', "'t", 'Hooft')],
    // Words with no letter, caseless letters (CJK) and titlecase letters are not particles.
    ['Simon & Garfunkel', parts('Simon &', '', 'Garfunkel')],
    ['小明 王', parts('小明', '', '王')],
    ['ǅemal Bijedić', parts('ǅemal', '', 'Bijedić')],
    // Words are separated by any white space and ~, and a no-break space beside one is trimmed.
    ['Donald\tE.\rKnuth', parts('Donald E.', '', 'Knuth')],
    ['D.~E.~Knuth', parts('D. E.', '', 'Knuth')],
    ['Donald  Knuth', parts('Donald', '', 'Knuth')],
    ['Donald \u00a0Knuth', parts('Donald', '', 'Knuth')],
    ['Donald \u00a0 Knuth', parts('Donald', '', 'Knuth')],
    // A backslash escapes the space after it, which then joins two words.
    ['Jean Paul\\ Sartre', parts('Jean', '', 'Paul\\ Sartre')],
    // A group (nested or not) is one word, and a stray "}" does not leave depth 0.
    ['{{World} Health} Organization', parts('{{World} Health}', '', 'Organization')],
    ['{{Barnes} and {Noble}} Bookstore', parts('{{Barnes} and {Noble}}', '', 'Bookstore')],
    ['Jan {van der} Berg', parts('Jan {van der}', '', 'Berg')],
    ['Jane} Doe', parts('Jane}', '', 'Doe')],
    ['', parts('', '', '')],
    ['~', parts('', '', '')],
  ])('%j', (input, expected) => {
    expect(parseName(input)).toEqual(expected);
  });

  it.each([
    // von Last, First: von runs to the last lower-case word that is not the final one.
    ['van Beethoven, Ludwig', parts('Ludwig', 'van', 'Beethoven')],
    ['van der Berg, Jan', parts('Jan', 'van der', 'Berg')],
    ['de la fontaine, Jean', parts('Jean', 'de la', 'fontaine')],
    ["de la Vall{\\'e}e Poussin, Charles", parts('Charles', 'de la', "Vall{\\'e}e Poussin")],
    ['Della Porta, Giambattista', parts('Giambattista', '', 'Della Porta')],
    ['Knuth, Donald E.', parts('Donald E.', '', 'Knuth')],
    // An escaped comma is no separator: one part, read as First Last.
    ['Barnes\\, Noble', parts('Barnes\\,', '', 'Noble')],
    // von Last, Jr, First: whatever follows a third comma belongs to First.
    ['Doe, Jr, Jane, Mary', parts('Jane, Mary', '', 'Doe', 'Jr')],
  ])('%j', (input, expected) => {
    expect(parseName(input)).toEqual(expected);
  });

  it.each([
    ['family=Doe', parts('', '', 'Doe')],
    ['given=Jane', parts('Jane', '', '')],
    ['given=Jane, family=Doe, prefix=van, suffix=Jr.', parts('Jane', 'van', 'Doe', 'Jr.')],
    // Labels in any case, with spaces around "=" or none.
    ['Family = Doe, GIVEN=Jane', parts('Jane', '', 'Doe')],
    // Only the first "=" separates label and value.
    ['family={Smith=Jones}', parts('', '', '{Smith=Jones}')],
    // A name is labelled only when every part is, and a label must start its part.
    ['Doe, given=Jane', parts('given=Jane', '', 'Doe')],
    ['forgiven=Jane', parts('', '', 'forgiven=Jane')],
  ])('labelled: %j', (input, expected) => {
    expect(parseName(input)).toEqual(expected);
  });

  it.each([
    // \O, \o, \AA and friends are letters: their own case decides.
    ['{\\O}stergaard Hansen', parts('{\\O}stergaard', '', 'Hansen')],
    ['Jens {\\o}ster Hansen', parts('Jens', '{\\o}ster', 'Hansen')],
    // Any other command decides by the first letter after it, braced or not.
    ["Jean {\\'{e}}mile Zola", parts('Jean', "{\\'{e}}mile", 'Zola')],
    ['{\\"O}zg{\\"u}r Kaya', parts('{\\"O}zg{\\"u}r', '', 'Kaya')],
    ['{\\sl Van} Gogh', parts('{\\sl Van}', '', 'Gogh')],
    ['{\\it Van} Gogh', parts('{\\it Van}', '', 'Gogh')],
    // The character of a control symbol is skipped even when it is a letter.
    ['{\\é}Mile Zola', parts('{\\é}Mile', '', 'Zola')],
    // No letter after the command, or only a caseless or titlecase one: not a particle.
    ['Barnes {\\&} Noble', parts('Barnes {\\&}', '', 'Noble')],
    ['{\\relax 王} 李', parts('{\\relax 王}', '', '李')],
    ['{\\relax ǅ}emal Bijedić', parts('{\\relax ǅ}emal', '', 'Bijedić')],
    // Outside braces a command is no letter: "\o{}rsted" starts with the group, which has no case.
    ['Jens \\o{}rsted Hansen', parts('Jens \\o{}rsted', '', 'Hansen')],
  ])('special characters: %j', (input, expected) => {
    expect(parseName(input)).toEqual(expected);
  });
});

describe('formatName()', () => {
  const asIs = (text: string) => text;

  it('trims what decoding leaves around each part', () => {
    expect(format('{Ford }, { Jr.}, {Henry }')).toBe('Ford, Henry, Jr.');
  });

  it('keeps a suffix when there is no first name', () => {
    expect(formatName({ first: '', von: '', last: 'Ford', jr: 'Jr.' }, asIs)).toBe('Ford, Jr.');
    expect(formatName({ first: 'Henry', von: 'van', last: 'Ford', jr: '' }, asIs)).toBe('van Ford, Henry');
  });
});
