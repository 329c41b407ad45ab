import path from 'node:path';
import { planDeduplication } from '../../../server/domain/dedup/engine';
import { evaluate, falseMergePairs, partOf, type LabelledSet } from '../../../server/domain/dedup/labelled';
import { readLabelledSet } from '../../support/labelled-sets';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'dedup');
const otherFields = readLabelledSet(path.join(FIXTURES, 'other_fields'));

/**
 * Regression on real labelled exports: bib-dedupe's (Rathbone et al., biomedical) and Sift's own
 * set from other fields (ecology, education, physics/computing and adversarial cases for issue 14,
 * see its README). Automatic merging must never join two different works, and must find nearly
 * all true duplicates.
 */
describe.each<[string, () => LabelledSet, number]>([
  ['special_cases', () => readLabelledSet(path.join(FIXTURES, 'special_cases')), 1.0],
  ['tests_data', () => readLabelledSet(path.join(FIXTURES, 'tests_data')), 1.0],
  ['haematology_subset', () => readLabelledSet(path.join(FIXTURES, 'haematology_subset')), 0.92],
  ['stroke_subset', () => readLabelledSet(path.join(FIXTURES, 'stroke_subset')), 0.99],
  ['other_fields', () => otherFields, 0.94],
  ['other_fields/ecology', () => partOf(otherFields, 'ecology'), 0.97],
  ['other_fields/education', () => partOf(otherFields, 'education'), 0.77],
  ['other_fields/physics', () => partOf(otherFields, 'physics'), 0.6],
  ['other_fields/adversarial', () => partOf(otherFields, 'adversarial'), 1.0],
])('labelled set %s', (_name, load, recallFloor) => {
  // One test per set, deduplicating inside it: run while Jest collects the tests, the whole dedup
  // engine would count as covered by no test, and mutation testing (docs/testing.md) would then
  // run every dedup test for each of its mutants.
  it(`merges no two records the labels keep apart, and finds at least ${recallFloor * 100} % of the duplicates (counted record by record)`, () => {
    const set = load();
    const plan = planDeduplication(set.records, { newIds: set.newIds });
    const clusters = plan.merged.map((g) => g.recordIds);
    const result = evaluate(set, clusters);
    expect(falseMergePairs(set, clusters)).toEqual([]);
    expect(result.fp).toBe(0);
    expect(result.tp / (result.tp + result.fn)).toBeGreaterThanOrEqual(recallFloor);
  });
});
