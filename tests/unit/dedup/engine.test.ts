import { planDeduplication } from '../../../server/domain/dedup/engine';
import { choosePrimary, mergedView } from '../../../server/domain/dedup/merge';
import type { DedupRecord } from '../../../server/domain/dedup/types';
import { dedupRecord } from '../../support/dedup';

const rec = (id: number, fields: Partial<DedupRecord>): DedupRecord => dedupRecord(fields, id);

const WORK = {
  title: 'Colchicine prevents early postoperative pericardial and pleural effusions',
  authors: ['Imazio, M.', 'Brucato, A.', 'Rovere, M. E.'],
  year: 2011,
  journal: 'American Heart Journal',
  volume: '162',
  pages: '527-532',
};

describe('planDeduplication()', () => {
  it('clusters three exports of one work and leaves an unrelated record alone', () => {
    const plan = planDeduplication([
      rec(1, WORK),
      rec(2, { ...WORK, title: WORK.title.toUpperCase(), journal: 'Am Heart J' }),
      rec(3, { ...WORK, doi: '10.1016/j.ahj.2011.07.017', pages: '527-32' }),
      rec(4, { title: 'Talc pleurodesis in malignant effusion', authors: ['Dresler, C. M.'], year: 2005 }),
    ]);
    expect(plan.merged.map((g) => g.recordIds)).toEqual([[1, 2, 3]]);
    expect(plan.merged[0]!.evidence.length).toBeGreaterThanOrEqual(2);
    expect(plan.review).toEqual([]);
  });

  it('does not chain two records with different DOIs through a third without one', () => {
    const plan = planDeduplication([
      rec(1, { ...WORK, doi: '10.1/one' }),
      rec(2, WORK),
      rec(3, { ...WORK, doi: '10.1/two' }),
    ]);
    for (const group of plan.merged) {
      expect(group.recordIds.includes(1) && group.recordIds.includes(3)).toBe(false);
    }
    expect(plan.merged).toHaveLength(1);
  });

  it('compares only new records in an incremental run and never joins two earlier records automatically', () => {
    const records = [
      rec(1, WORK),
      rec(2, { ...WORK, title: `${WORK.title}!` }),
      rec(3, { ...WORK, journal: 'Am Heart J' }),
    ];
    const plan = planDeduplication(records, { newIds: new Set([3]) });
    // 3 matches 1 and 2, but 1 and 2 were judged apart by the earlier run: 3 joins one, the other link goes to review.
    expect(plan.merged).toHaveLength(1);
    expect(plan.merged[0]!.recordIds).toContain(3);
    expect(plan.merged[0]!.recordIds).toHaveLength(2);
    expect(plan.review).toHaveLength(1);
    expect(plan.review[0]!.evidence[0]!.rule).toMatch(/^uncertain:cluster-conflict/);
    expect(plan.comparisons).toBe(2);
  });

  it('keeps earlier merged groups and honours pairs a reviewer declared not duplicates', () => {
    const records = [rec(1, WORK), rec(2, WORK), rec(3, WORK)];
    const plan = planDeduplication(records, {
      notDuplicatePairs: [
        [1, 3],
        [2, 3],
      ],
    });
    expect(plan.merged.map((g) => g.recordIds)).toEqual([[1, 2]]);
    expect(plan.review).toEqual([]);
  });

  it('links a preprint to its published version as related', () => {
    const plan = planDeduplication([
      rec(1, { ...WORK, journal: 'medRxiv', doi: '10.1101/2021.03.01.21252345', volume: null, pages: null }),
      rec(2, WORK),
    ]);
    expect(plan.merged).toEqual([]);
    expect(plan.related.map((g) => g.recordIds)).toEqual([[1, 2]]);
  });
});

describe('mergedView() and choosePrimary()', () => {
  it("fills the primary's empty fields from the others and takes the longest abstract", () => {
    const primary = rec(1, { ...WORK, abstract: 'Short.' });
    const others = [
      rec(2, {
        ...WORK,
        doi: '10.1016/j.ahj.2011.07.017',
        abstract: 'A much longer abstract that says more.',
      }),
      rec(3, { ...WORK, issue: '3', doi: '10.9999/other' }),
    ];
    const view = mergedView(primary, others);
    expect(view.record).toMatchObject({
      id: 1,
      doi: '10.1016/j.ahj.2011.07.017',
      issue: '3',
      abstract: 'A much longer abstract that says more.',
    });
    expect(view.filledFrom).toEqual({ doi: 2, issue: 3, abstract: 2 });
    expect(primary.doi).toBeNull();
  });

  it('prefers a screened record, then the most complete, then the earliest', () => {
    const sparse = rec(1, { title: WORK.title });
    const full = rec(2, { ...WORK, abstract: 'Abstract' });
    const fuller = rec(3, { ...WORK, abstract: 'Abstract', doi: '10.1/x' });
    expect(choosePrimary([sparse, full, fuller])).toBe(3);
    expect(choosePrimary([sparse, full, fuller], (id) => id === 1)).toBe(1);
    expect(choosePrimary([full, rec(4, { ...WORK, abstract: 'Abstract' })])).toBe(2);
  });
});
