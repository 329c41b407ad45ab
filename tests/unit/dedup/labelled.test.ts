import path from 'node:path';
import { evaluate } from '../../../server/domain/dedup/labelled';
import { readLabelledSet } from '../../support/labelled-sets';
import { planDeduplication } from '../../../server/domain/dedup/engine';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'dedup');

/**
 * Regression on real labelled exports (bib-dedupe / Rathbone et al.): automatic merging must
 * never join two different works, and must find nearly all true duplicates.
 */
describe.each([
  ['special_cases', 1.0],
  ['tests_data', 1.0],
  ['haematology_subset', 0.92],
  ['stroke_subset', 0.99],
])('labelled set %s', (name, recallFloor) => {
  const set = readLabelledSet(path.join(FIXTURES, name));
  const plan = planDeduplication(set.records, { newIds: set.newIds });
  const result = evaluate(
    set,
    plan.merged.map((g) => g.recordIds),
  );

  it('merges no two records the labels keep apart', () => {
    expect(result.falseMergePairs).toBe(0);
    expect(result.fp).toBe(0);
  });

  it(`finds at least ${recallFloor * 100} % of the duplicates (counted record by record)`, () => {
    expect(result.tp / (result.tp + result.fn)).toBeGreaterThanOrEqual(recallFloor);
  });
});
