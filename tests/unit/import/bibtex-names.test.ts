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
