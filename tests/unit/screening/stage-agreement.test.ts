import { NOT_ESTIMABLE } from '../../../server/domain/screening/agreement';
import { stageAgreement, type RaterVotes } from '../../../server/domain/screening/stage-agreement';
import type { Vote } from '../../../server/domain/screening/types';

const v = (userId: number, decision: Vote) => ({ userId, decision });

/**
 * Three reviewers, the pairs each record gives (users sorted, so 3 then 1 is the pair 1–3):
 * record 1: 3 include, 1 include      → pair 1–3 (include, include)
 * record 2: 2 exclude, 1 exclude      → pair 1–2 (exclude, exclude)
 * record 3: 1 include, 2 exclude, 3 include → 1–2 (include, exclude), 1–3 (include, include),
 *                                             2–3 (exclude, include)
 * record 4: 2 exclude alone           → no pair, and its lone vote is no unit for alpha.
 */
const threeReviewers = (): RaterVotes[] => [
  { recordId: 1, votes: [v(3, 'include'), v(1, 'include')] },
  { recordId: 2, votes: [v(2, 'exclude'), v(1, 'exclude')] },
  { recordId: 3, votes: [v(1, 'include'), v(2, 'exclude'), v(3, 'include')] },
  { recordId: 4, votes: [v(2, 'exclude')] },
];

describe('stageAgreement per pair of reviewers', () => {
  it('gives every pair, ordered by the first reviewer then the second, with its own table', () => {
    const { pairs } = stageAgreement(threeReviewers());
    expect(pairs.map((p) => [p.userA, p.userB, p.n, p.table])).toEqual([
      [
        1,
        2,
        2,
        [
          [0, 1],
          [0, 1],
        ],
      ],
      [
        1,
        3,
        2,
        [
          [2, 0],
          [0, 0],
        ],
      ],
      [
        2,
        3,
        1,
        [
          [0, 0],
          [1, 0],
        ],
      ],
    ]);
  });

  it('reviewers 1 and 2: kappa 0 with no interval, alpha 0 over their 2 units', () => {
    // rows (user 1) .5/.5, columns (user 2) 0/1: po = .5, pe = .5·0 + .5·1 = .5, kappa 0; FCE:
    // .5(0 − (0 + .5))² + .5(1 − (1 + .5))² = .25, minus (0 − .5)² = .25 → variance 0: no interval.
    // alpha: 4 values (include 1, exclude 3), 2 in agreeing pairs: 1 − 3·(4 − 2)/(16 − 1 − 9) = 0.
    const pair = stageAgreement(threeReviewers()).pairs[0]!;
    expect(pair).toMatchObject({ kappa: 0, kappaSE: null, alpha: 0, alphaUnits: 2, percentAgreement: 50 });
    expect(pair.notEstimable).toEqual({ kappaSE: NOT_ESTIMABLE.zeroSE, kappaCI95: NOT_ESTIMABLE.zeroSE });
  });

  it('reviewers 1 and 3 always agreed on include: what is not estimable, and why, under the API names', () => {
    const pair = stageAgreement(threeReviewers()).pairs[1]!;
    expect(pair).toMatchObject({ percentAgreement: 100, observedAgreement: 1, kappa: null, alpha: null });
    expect(pair.notEstimable).toEqual({
      kappa: NOT_ESTIMABLE.chanceIsOne,
      kappaSE: NOT_ESTIMABLE.noKappa,
      kappaCI95: NOT_ESTIMABLE.noKappa,
      scottPi: NOT_ESTIMABLE.chanceIsOne,
      alpha: NOT_ESTIMABLE.noDisagreementExpected,
      interpretation: NOT_ESTIMABLE.chanceIsOne,
    });
  });
});

describe('stageAgreement overall', () => {
  it('defaults to first votes with maybe folded into include', () => {
    const a = stageAgreement(threeReviewers());
    expect(a).toMatchObject({
      maybe: 'as_include',
      votes: 'first',
      categoriesOffered: ['include', 'exclude'],
    });
    expect(stageAgreement(threeReviewers(), 'separate').categoriesOffered).toEqual([
      'include',
      'maybe',
      'exclude',
    ]);
  });

  it('a category chosen only by a lone vote is not on the scale', () => {
    const a = stageAgreement([
      { recordId: 1, votes: [v(1, 'include'), v(2, 'include')] },
      { recordId: 2, votes: [v(1, 'exclude')] },
    ]);
    expect(a.categories).toEqual(['include']);
  });

  it('with no record seen by two reviewers, nothing is estimable and alpha says there are no units', () => {
    const a = stageAgreement([{ recordId: 1, votes: [v(1, 'include')] }]);
    expect(a).toMatchObject({ n: 0, percentAgreement: null, alpha: null, alphaUnits: 0, pairs: [] });
    expect(a.notEstimable.alpha).toBe(NOT_ESTIMABLE.noUnits);
    expect(a.notEstimable.percentAgreement).toBe(NOT_ESTIMABLE.noUnits);
  });
});
