import { featuresOf } from '../../../server/domain/dedup/features';
import type { DedupRecord, FieldSimilarities } from '../../../server/domain/dedup/types';
import { isHardVeto, substitutedWords, vetoesOf } from '../../../server/domain/dedup/vetoes';
import { dedupRecord, NO_SIMILARITIES } from '../../support/dedup';

/**
 * vetoesOf() fact by fact, with the similarities given outright (not computed from the records),
 * so each threshold and each exception is stated at its boundary. The records differ only in
 * what each test names; the similarities say what the rules upstream would have measured.
 */
const feature = (fields: Partial<DedupRecord>) => featuresOf(dedupRecord(fields));
function vetoes(a: Partial<DedupRecord>, b: Partial<DedupRecord>, s: Partial<FieldSimilarities> = {}) {
  return vetoesOf(feature(a), feature(b), { ...NO_SIMILARITIES, ...s });
}
const names = (a: Partial<DedupRecord>, b: Partial<DedupRecord>, s: Partial<FieldSimilarities> = {}) =>
  vetoes(a, b, s).map((v) => v.name);

const TITLE = 'Intrapleural tissue plasminogen activator in pleural infection';
const ARTICLE: Partial<DedupRecord> = {
  title: TITLE,
  authors: ['Rahman, Najib M.', 'Maskell, Nick A.'],
  journal: 'New England Journal of Medicine',
  volume: '365',
};

describe('issue-differs', () => {
  it('names the two issues, a range as from-to', () => {
    expect(vetoes({ ...ARTICLE, issue: '3-4' }, { ...ARTICLE, issue: '5' })).toEqual([
      { name: 'issue-differs', detail: 'issue 3-4 vs 5' },
    ]);
  });

  it('applies whichever record has the later issue', () => {
    expect(names({ ...ARTICLE, issue: '5' }, { ...ARTICLE, issue: '3' })).toEqual(['issue-differs']);
  });

  it('applies when the page ranges differ, even if only at one end', () => {
    for (const [pa, pb] of [
      ['100-110', '200-210'],
      ['100-110', '105-110'],
      ['100-110', '100-120'],
    ]) {
      expect(names({ ...ARTICLE, issue: '2', pages: pa }, { ...ARTICLE, issue: '3', pages: pb })).toContain(
        'issue-differs',
      );
    }
  });

  it('does not apply to one printed page range of one volume (a record number in the issue field)', () => {
    expect(
      names({ ...ARTICLE, issue: '2', pages: '100-110' }, { ...ARTICLE, issue: '3', pages: '100-110' }),
    ).toEqual([]);
  });

  it('applies to one shared single page: a page is shared by many abstracts', () => {
    expect(names({ ...ARTICLE, issue: '2', pages: '100' }, { ...ARTICLE, issue: '3', pages: '100' })).toEqual(
      ['issue-differs'],
    );
  });

  it('applies to a series title against another title, whatever the pages say', () => {
    const v = names(
      { ...ARTICLE, title: 'Editorial', issue: '2', pages: '100-110' },
      { ...ARTICLE, issue: '3', pages: '100-110' },
    );
    expect(v).toContain('issue-differs');
  });

  it('does not apply when one record has no volume and its issue is the other volume (fields swapped)', () => {
    expect(
      names({ ...ARTICLE, volume: null, issue: '12' }, { ...ARTICLE, volume: '12', issue: '3' }),
    ).toEqual([]);
    expect(
      names({ ...ARTICLE, volume: '12', issue: '3' }, { ...ARTICLE, volume: null, issue: '12' }),
    ).toEqual([]);
  });

  it('applies when the issue equals the other volume but the record has its own volume, or no volume and another issue', () => {
    expect(names({ ...ARTICLE, volume: '5', issue: '12' }, { ...ARTICLE, volume: '12', issue: '3' })).toEqual(
      ['issue-differs'],
    );
    expect(names({ ...ARTICLE, volume: '12', issue: '3' }, { ...ARTICLE, volume: '5', issue: '12' })).toEqual(
      ['issue-differs'],
    );
    expect(
      names({ ...ARTICLE, volume: null, issue: '12' }, { ...ARTICLE, volume: '13', issue: '3' }),
    ).toEqual(['issue-differs']);
    expect(
      names({ ...ARTICLE, volume: '13', issue: '3' }, { ...ARTICLE, volume: null, issue: '12' }),
    ).toEqual(['issue-differs']);
  });
});

describe('issue-differs: the one-page abstract of the article printed in another issue of the volume', () => {
  // Same exact title of five words or more, authors ≥ 0.9 with the same first author, journal ≥ 0.8,
  // same volume; one record is a single page, the other a range.
  const FIVE_WORDS = 'Pleural infection treated with fibrinolytics';
  const ABSTRACT_OF: Partial<FieldSimilarities> = { title: 1, authors: 0.9, journal: 0.8, volume: 1 };
  const article = { ...ARTICLE, title: FIVE_WORDS, issue: '6', pages: '518-526' };
  const abstract = { ...ARTICLE, title: FIVE_WORDS, issue: '9', pages: '1875' };

  it('is not vetoed at the lowest agreement the rule accepts, either way round', () => {
    expect(feature(article).titleTokens).toHaveLength(5);
    expect(names(article, abstract, ABSTRACT_OF)).toEqual([]);
    expect(names(abstract, article, ABSTRACT_OF)).toEqual([]);
  });

  it.each<[string, Partial<DedupRecord>, Partial<DedupRecord>, Partial<FieldSimilarities>]>([
    ['a title that is not identical', article, abstract, { title: 0.999 }],
    ['authors below 0.9', article, abstract, { authors: 0.89 }],
    ['a journal below 0.8', article, abstract, { journal: 0.79 }],
    ['a volume not known to agree', article, abstract, { volume: null }],
    [
      'a title of four words',
      { ...article, title: 'Pleural infection treated fibrinolytics' },
      { ...abstract, title: 'Pleural infection treated fibrinolytics' },
      {},
    ],
    ['another first author', article, { ...abstract, authors: ['Maskell, Nick A.', 'Rahman, Najib M.'] }, {}],
    ['no authors on either side', { ...article, authors: [] }, { ...abstract, authors: [] }, {}],
    ['two single pages', { ...article, pages: '518' }, abstract, {}],
    ['two page ranges', article, { ...abstract, pages: '1875-1876' }, {}],
    ['no pages on the article', { ...article, pages: null }, abstract, {}],
    ['no pages on the abstract', article, { ...abstract, pages: null }, {}],
  ])('is vetoed with %s', (_what, a, b, s) => {
    expect(names(a, b, { ...ABSTRACT_OF, ...s })).toContain('issue-differs');
  });
});

describe('pages-disjoint', () => {
  it('names both ranges', () => {
    expect(vetoes({ ...ARTICLE, pages: '307-309' }, { ...ARTICLE, pages: '627-629' })).toEqual([
      { name: 'pages-disjoint', detail: 'pages 307-309 vs 627-629' },
    ]);
  });

  it('applies whichever record has the later pages, and not to ranges that share a page', () => {
    expect(names({ ...ARTICLE, pages: '200-210' }, { ...ARTICLE, pages: '100-110' })).toEqual([
      'pages-disjoint',
    ]);
    expect(names({ ...ARTICLE, pages: '100-110' }, { ...ARTICLE, pages: '110-120' })).toEqual([]);
    expect(names({ ...ARTICLE, pages: '110-120' }, { ...ARTICLE, pages: '100-110' })).toEqual([]);
  });

  it("does not apply to a range from page 1 (an article's own PDF pages)", () => {
    expect(names({ ...ARTICLE, pages: '1-16' }, { ...ARTICLE, pages: '20-30' })).toEqual([]);
  });

  it('does not apply when either title is marked as a translation', () => {
    const translated = { ...ARTICLE, title: `[${TITLE}]` };
    expect(feature(translated).translatedTitle).toBe(true);
    expect(names({ ...translated, pages: '100-110' }, { ...ARTICLE, pages: '200-210' })).toEqual([]);
    expect(names({ ...ARTICLE, pages: '100-110' }, { ...translated, pages: '200-210' })).toEqual([]);
  });
});

describe('title-differs', () => {
  it('applies below a title similarity of 0.6 and gives it to two decimals', () => {
    expect(vetoes(ARTICLE, ARTICLE, { title: 0.594 })).toEqual([
      { name: 'title-differs', detail: 'titles agree 0.59' },
    ]);
    expect(names(ARTICLE, ARTICLE, { title: 0.6 })).toEqual([]);
  });
});

describe('title-words-differ', () => {
  const CHINA = { ...ARTICLE, title: 'Smoking cessation evidence from China and policy' };
  const INDIA = { ...ARTICLE, title: 'Smoking cessation evidence from India and policy' };

  it('names the words each title has in place of the other, from a title similarity of 0.8', () => {
    expect(vetoes(CHINA, INDIA, { title: 0.8 })).toEqual([
      { name: 'title-words-differ', detail: '“china” vs “india”' },
    ]);
    expect(names(CHINA, INDIA, { title: 0.79 })).toEqual([]);
  });

  it('names several substituted words of a side in title order, a space between them', () => {
    const twoA = { ...ARTICLE, title: 'Smoking cessation evidence from China and Japan for policy' };
    const twoB = { ...ARTICLE, title: 'Smoking cessation evidence from India and Brazil for policy' };
    expect(vetoes(twoA, twoB, { title: 0.85 })).toEqual([
      { name: 'title-words-differ', detail: '“china japan” vs “india brazil”' },
    ]);
  });

  it('does not apply when either title is marked as a translation', () => {
    expect(names({ ...CHINA, title: `[${CHINA.title}]` }, INDIA, { title: 0.9 })).toEqual([]);
    expect(names(CHINA, { ...INDIA, title: `[${INDIA.title}]` }, { title: 0.9 })).toEqual([]);
  });

  it('does not apply to the same page range of one volume, but does without the volume', () => {
    const china = { ...CHINA, pages: '100-110' };
    const india = { ...INDIA, pages: '100-110' };
    expect(names(china, india, { title: 0.9, volume: 1 })).toEqual([]);
    expect(names(china, india, { title: 0.9, volume: null })).toEqual(['title-words-differ']);
    expect(names(china, { ...india, pages: '100-120' }, { title: 0.9, volume: 1 })).toEqual([
      'title-words-differ',
    ]);
  });
});

describe('venue-kind-differs', () => {
  const journal = { ...ARTICLE, journal: 'Journal of Information Systems' };
  const conference = { ...ARTICLE, journal: 'International Conference on Information Systems' };

  it('applies to a journal and a conference whose names agree below 0.6, either way round', () => {
    expect(vetoes(journal, conference, { journal: 0.59 })).toEqual([
      { name: 'venue-kind-differs', detail: 'a journal and a conference' },
    ]);
    expect(names(conference, journal, { journal: 0.59 })).toEqual(['venue-kind-differs']);
    expect(names(journal, conference, { journal: 0.6 })).toEqual([]);
  });
});

describe('series-title', () => {
  const editorial = { ...ARTICLE, title: 'Editorial', issue: '3', pages: '100-110' };
  const DETAIL = 'a generic or series title: needs the same issue and pages, or a shared DOI';

  it('asks for proof when either title is a series title', () => {
    expect(vetoes(editorial, { ...editorial, title: TITLE, pages: null })).toEqual([
      { name: 'series-title', detail: DETAIL },
    ]);
    expect(names({ ...editorial, title: TITLE, pages: null }, editorial)).toEqual(['series-title']);
  });

  it('is satisfied by the same issue and first page, and only by both', () => {
    expect(names(editorial, editorial)).toEqual([]);
    expect(names({ ...editorial, issue: '3-4' }, { ...editorial, issue: '3-5' })).toEqual(['series-title']);
    expect(names({ ...editorial, issue: '2-4' }, { ...editorial, issue: '3-4' })).toEqual(['series-title']);
    expect(names(editorial, { ...editorial, pages: '101-110' })).toEqual(['series-title']);
    expect(names({ ...editorial, issue: null }, editorial)).toEqual(['series-title']);
    expect(names(editorial, { ...editorial, issue: null })).toEqual(['series-title']);
  });

  it('is the one veto that asks for proof rather than stating a difference', () => {
    expect(isHardVeto({ name: 'series-title', detail: DETAIL })).toBe(false);
    expect(isHardVeto({ name: 'issue-differs', detail: 'issue 2 vs 3' })).toBe(true);
  });
});

/** The words two titles put in place of each other: `x` and `y` in one sentence. */
function substituted(x: string, y: string): [string[], string[]] {
  const title = (w: string) => feature({ title: `risk of ${w} exposure in adults` });
  return substitutedWords(title(x), title(y));
}

describe('substitutedWords(): which differing words are another word, and which a spelling of it', () => {
  it.each([
    ['china', 'india'],
    ['smokers', 'drinkers'], // different from the first five letters
    ['lung', 'kidney'], // lengths two apart
    ['cat', 'dog'],
    ['hat', 'pit'], // same last letter, first two changed
    ['oat', 'act'], // one neighbour moved, the other changed
    ['ant', 'bat'],
    ['act', 'cab'], // first two swapped, last changed
    ['cart', 'cup'], // one letter longer, two changed
    ['cup', 'cart'],
    ['uk', 'us'], // a one-letter slip in a two-letter word is a different word
    ['ct', 'cat'],
    ['cohort', 'ccohhorrt'], // three slips in six letters: 0.67, below the 0.7 a word under seven letters needs
  ])('%p and %p are different words', (x, y) => {
    expect(substituted(x, y)).toEqual([[x], [y]]);
  });

  it.each([
    ['organisation', 'organization'], // the first five letters agree in two long words
    ['randomised', 'randomly'],
    ['births', 'birthweight'],
    ['birthweight', 'births'],
    ['cat', 'cut'], // one letter changed
    ['act', 'cat'], // two neighbours swapped
    ['cart', 'cat'], // one letter added or dropped
    ['cat', 'cart'],
    ['canecr', 'cancer'],
    ['nsequelae', 'sequelea'], // two slips in a long word
    ['pleural', 'ppleurrao'], // three slips in seven letters: 0.67, above the 0.65 from seven letters on
    ['internationalisation', 'itnernatoinalizaiton'], // seven slips in twenty letters: 0.65 exactly
  ])('%p and %p are one word spelled two ways', (x, y) => {
    expect(substituted(x, y)).toEqual([[], []]);
  });

  it('ignores stop words that differ', () => {
    const a = feature({ title: 'effects of smoking in women' });
    const b = feature({ title: 'effects on smoking for women' });
    expect(substitutedWords(a, b)).toEqual([[], []]);
  });

  it('ignores words the other title runs together or splits, and keeps the rest', () => {
    const a = feature({ title: 'effects of usemodel in china' });
    const b = feature({ title: 'effects of use model in india' });
    expect(substitutedWords(a, b)).toEqual([['china'], ['india']]);
    expect(substitutedWords(b, a)).toEqual([['india'], ['china']]);
  });

  it('finds nothing when one title only adds words, or every differing word has its spelling on the other side', () => {
    const short = feature({ title: 'organisation of care' });
    const long = feature({ title: 'organisation of primary care' });
    expect(substitutedWords(short, long)).toEqual([[], []]);
    expect(substitutedWords(long, short)).toEqual([[], []]);
    const spelled = feature({ title: 'organisation of care' });
    const spelledAndMore = feature({ title: 'organization of care policy' });
    expect(substitutedWords(spelled, spelledAndMore)).toEqual([[], []]);
    expect(substitutedWords(spelledAndMore, spelled)).toEqual([[], []]);
    expect(substitutedWords(spelled, feature({ title: 'organization of care' }))).toEqual([[], []]);
  });
});
