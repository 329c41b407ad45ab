import { featuresOf } from '../../../server/domain/dedup/features';
import { classifyPair } from '../../../server/domain/dedup/rules';
import type { DedupRecord } from '../../../server/domain/dedup/types';
import { dedupRecord } from '../../support/dedup';

/**
 * The title thresholds of the two fuzzy-merge rules, tested at and just below each boundary
 * (0.97 with authors, journal, volume and year; 0.95 with two agreeing fields and nothing
 * contradicting). Moving either threshold, or turning >= into >, makes a test here fail.
 *
 * The title is 100 characters once normalised and the similarity is 1 − edits / 100, so each
 * letter changed moves it by exactly 0.01: 3 edits give 0.97, 4 give 0.96, 5 give 0.95, 6 give 0.94.
 */
const TITLE =
  'Intrapleural tissue plasminogen activator and DNase in pleural infection: randomised controlled trial';
/** Words whose last letter is changed, one edit each, in this order. */
const EDITED = ['activator', 'infection', 'tissue', 'plasminogen', 'randomised', 'trial'];

function withEdits(edits: number): string {
  return EDITED.slice(0, edits).reduce((title, word) => title.replace(word, `${word.slice(0, -1)}x`), TITLE);
}

let nextId = 1;
const rec = (fields: Partial<DedupRecord>) =>
  dedupRecord({ type: 'journal-article', title: TITLE, ...fields }, nextId++);

function verdict(a: Partial<DedupRecord>, b: Partial<DedupRecord>) {
  return classifyPair(featuresOf(rec(a)), featuresOf(rec(b)));
}

it('the normalised title is 100 characters, so one edit is 0.01 of similarity', () => {
  expect(featuresOf(rec({})).title).toHaveLength(100);
  expect([3, 4, 5, 6].map((edits) => verdict({}, { title: withEdits(edits) }).similarities.title)).toEqual([
    0.97, 0.96, 0.95, 0.94,
  ]);
});

describe('title + authors + journal + volume + year merges from a title similarity of 0.97', () => {
  // Different but overlapping page ranges contradict, so only this rule (which tolerates them) can
  // merge; disjoint ranges would be vetoed before any similarity (issue 14).
  const SAME_VOLUME: Partial<DedupRecord> = {
    authors: ['Rahman, Najib M.', 'Maskell, Nick A.', 'West, Alex'],
    year: 2011,
    journal: 'New England Journal of Medicine',
    volume: '365',
  };

  it('merges at 0.97', () => {
    const v = verdict(
      { ...SAME_VOLUME, pages: '518-526' },
      { ...SAME_VOLUME, pages: '520-530', title: withEdits(3) },
    );
    expect(v).toMatchObject({
      outcome: 'duplicate',
      rule: 'fuzzy:title+authors+journal+volume+year',
      similarities: { title: 0.97, pages: 0 },
    });
  });

  it('sends 0.96 to a reviewer', () => {
    const v = verdict(
      { ...SAME_VOLUME, pages: '518-526' },
      { ...SAME_VOLUME, pages: '520-530', title: withEdits(4) },
    );
    expect(v).toMatchObject({
      outcome: 'review',
      rule: 'uncertain:pages-differs',
      similarities: { title: 0.96 },
    });
  });
});

describe('title + two agreeing fields merges from a title similarity of 0.95', () => {
  // No authors: the three-field rule (title 0.9 with authors ≥ 0.7) cannot merge instead.
  const SAME_YEAR_JOURNAL: Partial<DedupRecord> = { year: 2011, journal: 'New England Journal of Medicine' };

  it('merges at 0.95', () => {
    const v = verdict(SAME_YEAR_JOURNAL, { ...SAME_YEAR_JOURNAL, title: withEdits(5) });
    expect(v).toMatchObject({
      outcome: 'duplicate',
      rule: 'fuzzy:title+year+journal',
      similarities: { title: 0.95 },
    });
  });

  it('sends 0.94 to a reviewer', () => {
    const v = verdict(SAME_YEAR_JOURNAL, { ...SAME_YEAR_JOURNAL, title: withEdits(6) });
    expect(v).toMatchObject({
      outcome: 'review',
      rule: 'uncertain:weak-support',
      similarities: { title: 0.94 },
    });
  });
});

/**
 * When an identifier disagrees, a reviewer still looks if title (≥ 0.95), authors (≥ 0.8) and
 * year agree: a data error is as likely as two works. Below any of them the pair is distinct.
 */
describe('different identifiers: a reviewer looks from a title of 0.95 and authors of 0.8 in the same year', () => {
  // Five authors: four found is 0.8, three of four is 0.75.
  const FIVE = ['Rahman, Najib M.', 'Maskell, Nick A.', 'West, Alex', 'Teoh, Richard', 'Arnold, Anthony'];
  const FOUR_OF_FIVE = [...FIVE.slice(0, 4), 'Other, Zoe'];
  const THREE_OF_FOUR = [...FIVE.slice(0, 3), 'Other, Zoe'];
  const STRONG: Partial<DedupRecord> = { authors: FIVE, year: 2011 };

  it.each([
    ['DOIs', { doi: '10.1056/nejmoa1012740' }, { doi: '10.1056/nejmoa9999999' }, 'veto:different-doi'],
    ['PMIDs', { pmid: '21830966' }, { pmid: '21830967' }, 'veto:different-pmid'],
  ])('different %s', (_what, idA, idB, rule) => {
    const pair = (b: Partial<DedupRecord>) => verdict({ ...STRONG, ...idA }, { ...STRONG, ...idB, ...b });
    expect(pair({ title: withEdits(5), authors: FOUR_OF_FIVE })).toMatchObject({
      outcome: 'review',
      rule,
      similarities: { title: 0.95, authors: 0.8 },
    });
    expect(pair({ title: withEdits(6) })).toMatchObject({
      outcome: 'distinct',
      rule,
      similarities: { title: 0.94 },
    });
    expect(pair({ authors: THREE_OF_FOUR })).toMatchObject({ outcome: 'distinct', rule });
    expect(pair({ year: 2012 })).toMatchObject({ outcome: 'distinct', rule });
  });

  it('merges versions of one Cochrane review from a title of 0.95 and authors of 0.8, else a reviewer looks', () => {
    const v1 = { ...STRONG, doi: '10.1002/14651858.cd002273.pub2' };
    const v2 = { ...STRONG, doi: '10.1002/14651858.cd002273.pub3' };
    expect(verdict(v1, { ...v2, title: withEdits(5), authors: FOUR_OF_FIVE })).toMatchObject({
      outcome: 'duplicate',
      rule: 'same-doi-family',
    });
    expect(verdict(v1, { ...v2, title: withEdits(6) })).toMatchObject({
      outcome: 'review',
      rule: 'uncertain:same-doi-family',
    });
    expect(verdict(v1, { ...v2, authors: THREE_OF_FOUR })).toMatchObject({
      outcome: 'review',
      rule: 'uncertain:same-doi-family',
    });
  });
});
