import {
  demoCodingOf,
  LEARNER_PERSPECTIVE_CODEBOOK,
  titleExcerpt,
} from '../../../server/domain/coding/demo-codebook';

describe('the demo’s coding of a title (issue 17, item 9: no words put in real authors’ mouths)', () => {
  it.each([
    [
      'Micro-credentials, Higher Education and Career Development: Perspectives of University Students',
      /career/i,
      'Micro-credentials, Higher Education and Career Development',
    ],
    [
      'Digital badges in undergraduate composition courses: effects on intrinsic motivation',
      /motivat/i,
      'effects on intrinsic motivation',
    ],
    ['Badges and Leaderboards', /badge/i, 'Badges and Leaderboards'],
    ['Badges and Leaderboards', /time/i, null],
  ])('titleExcerpt(%j, %s) is the part of the title holding the match: %j', (title, match, part) => {
    expect(titleExcerpt(title, match)).toBe(part);
  });

  it('codes a title from its own words, each excerpt a part of the title', () => {
    const title = 'The Motivation to Earn Digital Badges: A Large-Scale Study of Online Courses';
    expect(demoCodingOf(title)).toEqual([
      { code: 'ambitions', excerpt: 'The Motivation to Earn Digital Badges', illustrative: false },
      { code: 'preferences.online', excerpt: 'A Large-Scale Study of Online Courses', illustrative: false },
      {
        code: 'expectations.portability',
        excerpt: 'The Motivation to Earn Digital Badges',
        illustrative: false,
      },
    ]);
    for (const { excerpt } of demoCodingOf(title)) expect(title).toContain(excerpt);
  });

  it('flags the example it writes for a title that shows no code as illustrative', () => {
    const [only, ...rest] = demoCodingOf('Making micro-credentials work: A student perspective');
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ illustrative: true });
    expect('Making micro-credentials work: A student perspective').not.toContain(only!.excerpt);
  });

  it('codes only with codes of the demo codebook', () => {
    const keys = new Set(LEARNER_PERSPECTIVE_CODEBOOK.codes.map((c) => c.code));
    const titles = [
      'time and financial resources to pay',
      'employers, jobs and skills',
      'perceived value',
      'nothing',
      'preferences online',
    ];
    for (const t of titles) for (const { code } of demoCodingOf(t)) expect(keys.has(code)).toBe(true);
  });
});
