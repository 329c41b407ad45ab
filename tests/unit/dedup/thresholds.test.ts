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
