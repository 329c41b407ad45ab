import {
  codesByStratum,
  countStrata,
  keepStudies,
  type AppraisalStratum,
} from '../../../server/domain/appraisal/synthesis';
import type { SynthesisInput } from '../../../server/domain/coding/synthesis';

/** Theme A (with sub-code A1) and theme B over three studies: 1 meets all criteria, 2 does not, 3 not appraised. */
const input: SynthesisInput = {
  codes: [
    { id: 1, code: 'A', label: 'A', parentId: null },
    { id: 2, code: 'A1', label: 'A1', parentId: 1 },
    { id: 3, code: 'B', label: 'B', parentId: null },
  ],
  studies: [1, 2, 3].map((id) => ({ id, label: `S${id}`, year: 2020, characteristics: {} })),
  applications: [
    { studyId: 1, codeId: 2, coder: 'a', excerpt: 'x', page: null },
    { studyId: 2, codeId: 1, coder: 'a', excerpt: 'y', page: null },
    { studyId: 1, codeId: 3, coder: 'a', excerpt: 'z', page: null },
  ],
  summaries: {},
};
const strata = new Map<number, AppraisalStratum>([
  [1, 'meets-all'],
  [2, 'not-all'],
]);

describe('the synthesis by appraisal result', () => {
  it('all-yes keeps the studies that meet all criteria and their codes', () => {
    const kept = keepStudies(input, (id) => strata.get(id) === 'meets-all');
    expect(kept.studies.map((s) => s.id)).toEqual([1]);
    expect(kept.applications.map((a) => a.studyId)).toEqual([1, 1]);
  });

  it('stratify counts each code’s studies by stratum; B is supported only by studies that meet all criteria', () => {
    expect(Object.fromEntries(codesByStratum(input, strata))).toEqual({
      A: { meetsAll: 1, notAll: 1, notAppraised: 0, onlyMeetsAll: false },
      A1: { meetsAll: 1, notAll: 0, notAppraised: 0, onlyMeetsAll: true },
      B: { meetsAll: 1, notAll: 0, notAppraised: 0, onlyMeetsAll: true },
    });
    expect(countStrata([1, 2, 3], strata)).toEqual({ meetsAll: 1, notAll: 1, notAppraised: 1 });
  });
});
