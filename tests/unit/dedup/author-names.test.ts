import {
  authorAgreement,
  authorListOf,
  parseAuthorName,
  sameFirstAuthor,
  type AuthorName,
} from '../../../server/domain/dedup/authors';

/**
 * parseAuthorName() reading by reading: every "surname|initial" key a spelling gives, so each
 * rule (particles, transliteration, suffixes, initials, compound surnames, the swapped reading)
 * is stated on its own rather than through a whole agreement. Keys are listed in the order the
 * readings are made: the main reading first.
 */
describe('parseAuthorName(): the keys of one author as written', () => {
  it.each([
    // Transliterated umlauts fold to the plain vowel, every occurrence.
    ['Mueller, Hans', ['muller|h', 'hans|m'], ['muller', 'hans'], true],
    ['Kuehnmueller, Hans', ['kuhnmuller|h', 'hans|k'], ['kuhnmuller', 'hans'], true],
    ['Soerensen, Mette', ['sorensen|m', 'mette|s'], ['sorensen', 'mette'], true],
    ['Baecker, Dirk', ['backer|d', 'dirk|b'], ['backer', 'dirk'], true],
    ['M{\\"u}ller, Hans', ['muller|h', 'hans|m'], ['muller', 'hans'], true],
    ['<i>Smith</i>, J.', ['smith|j'], ['smith'], true],
    // Apostrophes of every kind join the letters around them.
    ["O'Donnell, Colm", ['odonnell|c', 'colm|o'], ['odonnell', 'colm'], true],
    ['O’Brien, Anna', ['obrien|a', 'anna|o'], ['obrien', 'anna'], true],
    ['O‘Neil, Anna', ['oneil|a', 'anna|o'], ['oneil', 'anna'], true],
    ['O`Hara, Anna', ['ohara|a', 'anna|o'], ['ohara', 'anna'], true],
    // A particle alone is the surname; a particle taken for the family name is joined to it.
    ['De, Anna', ['de|a', 'anna|d'], ['de', 'anna'], true],
    ['Le, Quintrec M.', ['quintrec|m', 'le|q', 'quintrec|l'], ['quintrec', 'le'], true],
    ['Le, Quintrec', ['le|q', 'quintrec|l'], ['le', 'quintrec'], true],
    ['Le, . Quintrec', ['le|q', 'quintrec|l'], ['le', 'quintrec'], true],
    ['van Berg, A. M.', ['berg|a'], ['berg'], true],
    ['zur Heiden, Philipp', ['heiden|p', 'philipp|z', 'philipp|h'], ['heiden', 'philipp'], true],
    ['van der Aalst, Wil', ['aalst|w', 'wil|v', 'wil|a'], ['aalst', 'wil'], true],
    ['Aalst, W. van der', ['aalst|w'], ['aalst'], true],
    // Suffixes and particles are no given name.
    ['Smith, Jr.', ['smith|'], ['smith'], false],
    ['Smith, Sr', ['smith|'], ['smith'], false],
    ['Smith, II', ['smith|'], ['smith'], false],
    ['Smith, III', ['smith|'], ['smith'], false],
    ['Smith, IV', ['smith|'], ['smith'], false],
    ['Gupta, Shiv', ['gupta|s', 'shiv|g'], ['gupta', 'shiv'], true],
    ['Smith, van', ['smith|'], ['smith'], false],
    ['Smith,', ['smith|'], ['smith'], false],
    ['Smith, Ivan', ['smith|i', 'ivan|s'], ['smith', 'ivan'], true],
    // Compound surnames are also read by each part of three letters or more.
    ['Li-Wu, Anna', ['liwu|a', 'anna|l'], ['liwu', 'anna'], true],
    ['Ruiz-Ali, Ana', ['ruizali|a', 'ruiz|a', 'ali|a', 'ana|r'], ['ruizali', 'ruiz', 'ali', 'ana'], true],
    [
      'Karp Gershon, Tal',
      ['karpgershon|t', 'karp|t', 'gershon|t', 'tal|k'],
      ['karpgershon', 'karp', 'gershon', 'tal'],
      true,
    ],
    // Initials: up to three letters, with a full stop or in capitals; anything else is a name.
    ['Smith, A.-M.', ['smith|a'], ['smith'], true],
    ['Smith, J.B', ['smith|j'], ['smith'], true],
    ['Smith, ABC', ['smith|a'], ['smith'], true],
    ['Rahman, NM', ['rahman|n'], ['rahman'], true],
    ['Smith, ABCD', ['smith|a', 'abcd|s'], ['smith', 'abcd'], true],
    ['Smith, Abc', ['smith|a', 'abc|s'], ['smith', 'abc'], true],
    [
      'Smith, Anna Maria',
      ['smith|a', 'annamaria|s', 'anna|s', 'maria|s'],
      ['smith', 'annamaria', 'anna', 'maria'],
      true,
    ],
    ['Smith, Anna M.', ['smith|a', 'anna|s'], ['smith', 'anna'], true],
    ['Smith, Jean-P.', ['smith|j', 'jean|s'], ['smith', 'jean'], true],
    // The first given word is a surname of its own when the given name is read swapped.
    ['Wang, Li Na', ['wang|l', 'lina|w', 'li|w'], ['wang', 'lina', 'li'], true],
    // Without a comma.
    ['Reeb', ['reeb|'], ['reeb'], false],
    ["O'Donnell C. P.", ['odonnell|c'], ['odonnell'], true],
    ['Rahman NM', ['rahman|n'], ['rahman'], true],
    ['Rahman NMK', ['rahman|n'], ['rahman'], true],
    ['Lei Y.', ['lei|y'], ['lei'], true],
    // A token without letters gives no initial.
    ['Smith 3', ['smith|'], ['smith'], true],
    ['3 Smith', ['smith|'], ['smith'], true],
    ['Smith .', ['smith|'], ['smith'], true],
    ['A. B.', ['b|a', 'a|b'], ['b', 'a'], true],
    ['N. M. Rahman', ['rahman|n'], ['rahman'], true],
    ['C Deng', ['deng|c'], ['deng'], true],
    ['ABCD Smith', ['smith|a', 'abcd|s'], ['smith', 'abcd'], true],
    ['Andrea Carignani', ['carignani|a', 'andrea|c'], ['carignani', 'andrea'], true],
    ['Zhang Wei', ['wei|z', 'zhang|w'], ['wei', 'zhang'], true],
    ['Philipp zur Heiden', ['heiden|p', 'philipp|z'], ['heiden', 'philipp'], true],
    [
      'Maria Sousa Lima',
      ['lima|m', 'maria|s', 'sousalima|m', 'sousa|m'],
      ['lima', 'maria', 'sousalima', 'sousa'],
      true,
    ],
  ])('reads %p as %j', (raw, keys, surnames, hasInitial) => {
    expect(parseAuthorName(raw)).toEqual({ keys, surnames, hasInitial });
  });

  it.each([
    'van',
    'von',
    'der',
    'den',
    'de',
    'del',
    'della',
    'di',
    'da',
    'dos',
    'das',
    'du',
    'la',
    'le',
    'zu',
    'zur',
    'ten',
    'ter',
    'al',
    'el',
    'ibn',
  ])('drops the particle %p from a family name', (particle) => {
    expect(parseAuthorName(`${particle} Berg, Anna`)).toEqual({
      keys: ['berg|a', `anna|${particle[0]}`, 'anna|b'],
      surnames: ['berg', 'anna'],
      hasInitial: true,
    });
  });

  it('drops the particle "bin" from a family name', () => {
    expect(parseAuthorName('bin Berg, Anna')).toEqual({
      keys: ['berg|a', 'anna|b'],
      surnames: ['berg', 'anna'],
      hasInitial: true,
    });
  });

  it('gives no key for an empty name or one without a family name', () => {
    const none = { keys: [], surnames: [], hasInitial: false };
    expect(parseAuthorName('')).toEqual(none);
    expect(parseAuthorName('   ')).toEqual(none);
    expect(parseAuthorName(', Anna').keys).toEqual([]);
    expect(parseAuthorName(', Anna M.').keys).toEqual([]);
  });
});

describe('authorListOf(): the authors of a record', () => {
  const keysOf = (authors: string[]) => authorListOf(authors).names.map((n) => n.keys);

  it('splits a field on semicolons, and on a full stop directly followed by a capitalised name', () => {
    expect(keysOf(['Smith, J.; Jones, A.'])).toEqual([['smith|j'], ['jones|a']]);
    expect(keysOf(['Tan A.Schulze A.'])).toEqual([['tan|a'], ['schulze|a']]);
    expect(keysOf(['Smith, J.A.'])).toEqual([['smith|j']]);
  });

  it('skips names that give no key, and names the first author by the surname of its main reading', () => {
    const list = authorListOf(['', 'Carignani, Andrea']);
    expect(list.names.map((n) => n.keys)).toEqual([['carignani|a', 'andrea|c']]);
    expect(list.first).toBe('carignani');
    expect(authorListOf([]).first).toBe('');
    expect(authorListOf(['']).first).toBe('');
  });

  it('keeps the first 60 authors, given one per field or run together in one', () => {
    const many = Array.from({ length: 61 }, (_, i) => `Author${i}, A.`);
    const fields = authorListOf(many).names;
    expect(fields).toHaveLength(60);
    expect(authorListOf([many.join('; ')]).names).toHaveLength(60);
    expect(authorListOf([...many.slice(0, 59), 'Last, A.; Later, B.', 'Latest, C.']).names).toHaveLength(60);
  });

  it('parses each spelling once per cache, and takes a cached name as it is', () => {
    const cache = new Map<string, AuthorName>();
    const first = authorListOf(['Smith, J.', 'Smith, J.'], cache);
    expect([...cache.keys()]).toEqual(['Smith, J.']);
    expect(first.names[1]).toBe(first.names[0]);
    expect(authorListOf(['Smith, J.'], cache).names[0]).toBe(cache.get('Smith, J.'));
    const planted: AuthorName = { keys: ['planted|x'], surnames: ['planted'], hasInitial: true };
    cache.set('Jones, A.', planted);
    expect(authorListOf(['Jones, A.'], cache)).toEqual({ names: [planted], first: 'planted' });
  });
});

describe('sameFirstAuthor()', () => {
  const same = (a: string[], b: string[]) => sameFirstAuthor(authorListOf(a), authorListOf(b));

  it('compares the first authors only, by their keys', () => {
    expect(same(['Carignani, Andrea', 'Rossi, Marco'], ['Andrea, C.', 'Other, Z.'])).toBe(true);
    expect(same(['Rossi, Marco', 'Carignani, Andrea'], ['Carignani, Andrea', 'Rossi, Marco'])).toBe(false);
  });

  it('takes a surname written without initials for any author of that surname, but not another initial', () => {
    expect(same(['Reeb'], ['Reeb, David'])).toBe(true);
    expect(same(['Reeb, David'], ['Reeb'])).toBe(true);
    expect(same(['Smith, John'], ['Smith, Karen'])).toBe(false);
  });

  it('is false when either list is empty', () => {
    expect(same([], ['Reeb, David'])).toBe(false);
    expect(same(['Reeb, David'], [])).toBe(false);
    expect(same([], [])).toBe(false);
  });
});

describe('authorAgreement(): the spelling fallback and its limits', () => {
  const agree = (a: string[], b: string[]) => authorAgreement(authorListOf(a), authorListOf(b));
  /** n authors whose surnames differ from each other in three letters or more (none a spelling of another). */
  const others = (n: number, tag: string) =>
    Array.from({ length: n }, (_, i) => {
      const [c, d] = [String.fromCharCode(97 + (i % 26)), String.fromCharCode(97 + Math.floor(i / 26))];
      return `${tag}${c.repeat(3)}${d.repeat(3)}, Q.`;
    });
  /** A shorter list led by "Muli, A." and a longer one led by "Mulic, A.", the rest shared. */
  const lists = (shortLength: number, longLength: number): [string[], string[]] => {
    const shared = others(shortLength - 1, 'Shared');
    return [
      ['Muli, A.', ...shared],
      ['Mulic, A.', ...shared, ...others(longLength - shortLength, 'Long')],
    ];
  };

  it('matches a surname one letter off with the same initial, not with another', () => {
    expect(agree(['Mulic, Amra'], ['Muli, A.'])).toBe(1);
    expect(agree(['Muli, A.'], ['Mulic, Amra'])).toBe(1);
    expect(agree(['Mulic, Amra'], ['Muli, B.'])).toBe(0);
  });

  it('agrees the same whichever list comes first: a four-letter surname one letter off a five-letter one', () => {
    // "mulc" is no prefix of "mulic": the two are one edit apart, which counts only for surnames
    // of five letters or more (a shorter one matches only as a prefix, as "Muli" does).
    expect(agree(['Mulc, A.'], ['Mulic, A.'])).toBe(0);
    expect(agree(['Mulic, A.'], ['Mulc, A.'])).toBe(0);
  });

  it('is unknown when either side has no authors', () => {
    expect(agree(['Zwass, Vladimir'], [])).toBeNull();
    expect(agree([], [])).toBeNull();
  });

  it('tries spellings for a shorter list of up to 12 authors against a longer one of up to 30', () => {
    expect(agree(...lists(12, 30))).toBe(1);
    const [short, long] = lists(12, 30);
    expect(agree(long, short)).toBe(1);
    expect(agree(...lists(13, 30))).toBe(12 / 13);
    expect(agree(...lists(12, 31))).toBe(11 / 12);
  });

  it('counts a surname with another initial as half, after trying spellings', () => {
    expect(agree(['Smith, John', 'Mulic, Amra'], ['Smith, Karen', 'Muli, A.'])).toBe(0.75);
  });
});
