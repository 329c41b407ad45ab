import {
  cleanText,
  joinPages,
  normaliseDoi,
  normalisePages,
  normalisePmid,
  normaliseType,
  parseYear,
  splitKeywords,
} from '../../server/domain/import/normalise';

describe('normaliseDoi()', () => {
  it.each([
    ['10.1000/XYZ123', '10.1000/xyz123'],
    ['https://doi.org/10.1016/j.jss.2020.01.001', '10.1016/j.jss.2020.01.001'],
    ['http://dx.doi.org/10.1186%2Fs13643-023-02257-7', '10.1186/s13643-023-02257-7'],
    ['doi: 10.1371/journal.pone.0123456.', '10.1371/journal.pone.0123456'],
    ['10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0', '10.1002/(sici)1097-4571(199806)49:8<693::aid-asi4>3.0.co;2-0'],
    ['no doi here', null],
    ['', null],
  ])('%s → %s', (input, expected) => {
    expect(normaliseDoi(input)).toBe(expected);
  });
});

describe('parseYear()', () => {
  it.each([
    ['2019', 2019],
    ['2019/05/12/', 2019],
    ['Spring 1998', 1998],
    ['12345', null],
    ['n.d.', null],
    [2020, 2020],
  ])('%s → %s', (input, expected) => {
    expect(parseYear(input)).toBe(expected);
  });
});

describe('pages, pmid, keywords, types, text', () => {
  it('joins and normalises page ranges', () => {
    expect(joinPages('288', '297')).toBe('288-297');
    expect(joinPages('e123', null)).toBe('e123');
    expect(normalisePages('288 – 297')).toBe('288-297');
    expect(normalisePages('288--297')).toBe('288-297');
  });
  it('keeps the digits of a PMID', () => {
    expect(normalisePmid('31558173 [Indexed for MEDLINE]')).toBe('31558173');
  });
  it('splits keywords and drops case-insensitive repeats', () => {
    expect(splitKeywords('micro-credentials; Lifelong learning;micro-credentials\nbadges')).toEqual([
      'micro-credentials',
      'Lifelong learning',
      'badges',
    ]);
  });
  it.each([
    ['JOUR', 'journal-article'],
    ['inproceedings', 'conference-paper'],
    ['CHAP', 'book-chapter'],
    ['phdthesis', 'thesis'],
    ['GEN', 'other'],
  ])('type %s → %s', (input, expected) => {
    expect(normaliseType(input)).toBe(expected);
  });
  it('collapses white space and turns blanks into null', () => {
    expect(cleanText('  a\u00a0 b\n c ')).toBe('a b c');
    expect(cleanText('   ')).toBeNull();
  });
});
