import { featuresOf } from '../../../server/domain/dedup/features';
import { compareFields, cutAtSubtitle, overallScore } from '../../../server/domain/dedup/rules';
import type { DedupRecord, FieldSimilarities } from '../../../server/domain/dedup/types';
import { dedupRecord, NO_SIMILARITIES } from '../../support/dedup';

/** compareFields(), overallScore() and cutAtSubtitle(): the evidence every rule of classifyPair reads. */
const feature = (fields: Partial<DedupRecord>) => featuresOf(dedupRecord(fields));
const compare = (a: Partial<DedupRecord>, b: Partial<DedupRecord>) => compareFields(feature(a), feature(b));

describe('compareFields()', () => {
  it('gives the year 1 when equal, 0.5 a year apart either way, 0 further apart, null when either is missing', () => {
    expect(compare({ year: 2011 }, { year: 2011 }).year).toBe(1);
    expect(compare({ year: 2011 }, { year: 2012 }).year).toBe(0.5);
    expect(compare({ year: 2012 }, { year: 2011 }).year).toBe(0.5);
    expect(compare({ year: 2011 }, { year: 2013 }).year).toBe(0);
    expect(compare({ year: 2011 }, {}).year).toBeNull();
    expect(compare({}, { year: 2011 }).year).toBeNull();
  });

  it('gives the title null when either record has none, and rounds similarities to three decimals', () => {
    expect(compare({ title: 'Pleural infection in adults' }, {}).title).toBeNull();
    expect(compare({}, { title: 'Pleural infection in adults' }).title).toBeNull();
    // Two of three authors found: 0.667.
    expect(
      compare(
        { authors: ['Rahman, N.', 'Maskell, N.', 'West, A.'] },
        { authors: ['Rahman, N.', 'Maskell, N.', 'Other, Z.'] },
      ).authors,
    ).toBe(0.667);
  });

  it('compares a title with the bracketed translation of the other at 0.98 of their similarity', () => {
    const s = compare(
      { title: 'Rehabilitation nach Schlaganfall [Rehabilitation after stroke in rural areas]' },
      { title: 'Rehabilitation after stroke in rural areas' },
    );
    expect(s.title).toBe(0.98);
  });

  it('scores a title cut at its subtitle 0.9, when the part kept says something', () => {
    const main = 'Systematizing the lexicon of platforms in information systems';
    const whole = `${main}: a data-driven study`;
    expect(compare({ title: main }, { title: whole }).title).toBe(0.9);
    expect(compare({ title: whole }, { title: main }).title).toBe(0.9);
  });

  it('reads coordinates shifted one field along (no volume, the volume as issue, the issue as pages) as the same volume', () => {
    // "vol –, no. 26, p. 9" for vol. 26, no. 9, p. 1746.
    const shifted = { volume: null, issue: '26', pages: '9' };
    const right = { volume: '26', issue: '9', pages: '1746' };
    for (const [a, b] of [
      [shifted, right],
      [right, shifted],
    ]) {
      const s = compare(a!, b!);
      expect(s.volume).toBe(1);
      expect(s.pages).toBeNull();
    }
  });

  it('does not read a shift without every coordinate in its place', () => {
    const right = { volume: '26', issue: '9', pages: '1746' };
    for (const shifted of [
      { volume: '25', issue: '26', pages: '9' },
      { volume: null, issue: '27', pages: '9' },
      { volume: null, issue: '26', pages: '8' },
      { volume: null, issue: null, pages: '9' },
      { volume: null, issue: '26', pages: null },
    ]) {
      const s = compare(shifted, right);
      expect(s.volume === 1 && s.pages === null).toBe(false);
    }
  });
});

describe('overallScore()', () => {
  const NONE = NO_SIMILARITIES;

  it('weighs title 4, authors 2, year, journal and volume 1, issue 0.5, pages and abstract 1.5, DOI and PMID 3', () => {
    // Only the title agrees: 4 / (4 + 2 + 1 + 1 + 1 + 0.5 + 1.5 + 1.5 + 3 + 3) = 4 / 18.5 = 0.216.
    const allZero = {
      title: 1,
      authors: 0,
      year: 0,
      journal: 0,
      volume: 0,
      issue: 0,
      pages: 0,
      abstract: 0,
      doi: 0,
      pmid: 0,
    };
    expect(overallScore(allZero)).toBe(0.216);
    // Each field alone against the title: title 1 and field 0 gives 4 / (4 + its weight).
    const weights: [keyof FieldSimilarities, number][] = [
      ['authors', 2],
      ['year', 1],
      ['journal', 1],
      ['volume', 1],
      ['issue', 0.5],
      ['pages', 1.5],
      ['abstract', 1.5],
      ['doi', 3],
      ['pmid', 3],
    ];
    for (const [field, weight] of weights) {
      expect(overallScore({ ...NONE, title: 1, [field]: 0 })).toBe(
        Math.round((4 / (4 + weight)) * 1000) / 1000,
      );
    }
    // And the title itself: a field at 1 against the title at 0.
    expect(overallScore({ ...NONE, title: 0, doi: 1 })).toBe(0.429);
  });

  it('is 0 when no field is known', () => {
    expect(overallScore(NONE)).toBe(0);
  });
});

describe('cutAtSubtitle()', () => {
  const cut = (short: string, long: string) =>
    cutAtSubtitle(feature({ title: short }), feature({ title: long }));

  it('holds for a kept part of three words and twenty letters, either way round', () => {
    // "Pleural infection treated" is 25 letters, three words.
    expect(cut('Pleural infection treated', 'Pleural infection treated: a review')).toBe(true);
    expect(cut('Pleural infection treated: a review', 'Pleural infection treated')).toBe(true);
  });

  it('does not hold for a kept part of two words, under twenty letters, a series title, or another main title', () => {
    expect(cut('Pleural infectiousness', 'Pleural infectiousness: a review of trials')).toBe(false); // two words
    expect(cut('Pleural fluid of ox', 'Pleural fluid of ox: a review of trials')).toBe(false); // 19 letters
    expect(cut('Pleural fluid of rat', 'Pleural fluid of rat: a review of trials')).toBe(true); // 20 letters
    expect(cut('Book review of recent trials', 'Book review of recent trials: pleural infection')).toBe(
      false,
    );
    expect(cut('Pleural infection treated', 'Pleural infection untreated: a review')).toBe(false);
    expect(cut('Pleural infection treated', 'Pleural infection treated')).toBe(false);
  });
});
