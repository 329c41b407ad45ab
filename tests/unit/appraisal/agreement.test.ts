import { criterionAgreement, type FinishedAppraisal } from '../../../server/domain/appraisal/agreement';
import { smallTool } from './fixtures';

/**
 * Agreement per criterion between two appraisers (issue 20), on tables worked out by hand.
 * Rows: the first appraiser by name (ann); columns: the second (ben); categories in the tool's
 * order, restricted to the criterion's allowed answers.
 */
const tool = smallTool();

function finished(appraiser: string, answers: Record<string, string>[]): FinishedAppraisal[] {
  return answers.map((a, i) => ({ appraiser, studyId: i + 1, answers: a }));
}

describe('agreement per criterion', () => {
  it('a 3-answer table: observed agreement 0.7 and kappa 29/59', () => {
    // Q1 on ten studies: ann y y y y y n n ? y n; ben y y y n y n y ? ? n
    const ann = 'y y y y y n n c y n'.split(' ');
    const ben = 'y y y n y n y c c n'.split(' ');
    const word = { y: 'yes', n: 'no', c: 'cant_tell' } as Record<string, string>;
    const rows = criterionAgreement(tool, [
      ...finished(
        'ann',
        ann.map((a) => ({ Q1: word[a]! })),
      ),
      ...finished(
        'ben',
        ben.map((b) => ({ Q1: word[b]! })),
      ),
    ]);
    expect(rows).toHaveLength(1);
    const q1 = rows[0]!;
    // ann yes: ben yes 4, no 1, can't tell 1; ann no: ben yes 1, no 2; ann can't tell: ben can't tell 1
    expect(q1.categories).toEqual(['yes', 'no', 'cant_tell', 'na']);
    expect(q1.table).toEqual([
      [4, 1, 1, 0],
      [1, 2, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 0],
    ]);
    expect(q1.studies).toBe(10);
    expect(q1.appraisers).toEqual(['ann', 'ben']);
    // po = 7/10; margins ann (.6, .3, .1), ben (.5, .3, .2): pe = .30 + .09 + .02 = .41
    expect(q1.observedAgreement).toBeCloseTo(0.7, 6);
    expect(q1.kappa).toBeCloseTo(29 / 59, 6);
    expect(q1.kappa).toBeCloseTo(0.491525, 6);
    expect(q1.kappaNotEstimable).toBeNull();
  });

  it('a 2×2 table 20/5/10/15: observed agreement 0.7, kappa 0.4 (the categories offered but unused change nothing)', () => {
    const pairs = [
      ...Array(20).fill(['yes', 'yes']),
      ...Array(5).fill(['yes', 'no']),
      ...Array(10).fill(['no', 'yes']),
      ...Array(15).fill(['no', 'no']),
    ] as [string, string][];
    const rows = criterionAgreement(tool, [
      ...finished(
        'ann',
        pairs.map(([a]) => ({ N1: a })),
      ),
      ...finished(
        'ben',
        pairs.map(([, b]) => ({ N1: b })),
      ),
    ]);
    const n1 = rows.find((r) => r.criterion === 'N1')!;
    // N1 allows yes, no, can't tell only
    expect(n1.categories).toEqual(['yes', 'no', 'cant_tell']);
    expect(n1.studies).toBe(50);
    // po = 35/50; pe = (25·30 + 25·20)/2500 = 0.5; kappa = 0.2/0.5
    expect(n1.observedAgreement).toBeCloseTo(0.7, 6);
    expect(n1.kappa).toBeCloseTo(0.4, 6);
  });

  it('kappa is not estimable, with the reason, when both gave one and the same answer everywhere', () => {
    const all = [{ S1: 'yes' }, { S1: 'yes' }, { S1: 'yes' }];
    const [s1] = criterionAgreement(tool, [...finished('ann', all), ...finished('ben', all)]);
    expect(s1).toMatchObject({ criterion: 'S1', studies: 3, observedAgreement: 1, kappa: null });
    expect(s1!.kappaNotEstimable).toMatch(/chance agreement is 1/);
  });

  it('a criterion only one of them answered (they chose different designs) has no study and no kappa', () => {
    const rows = criterionAgreement(tool, [
      { appraiser: 'ann', studyId: 1, answers: { S1: 'yes', Q1: 'yes' } },
      { appraiser: 'ben', studyId: 1, answers: { S1: 'no', N1: 'yes' } },
    ]);
    expect(rows.map((r) => [r.criterion, r.studies, r.observedAgreement, r.kappa])).toEqual([
      // one study, opposite answers: po 0, pe 0 (each used one answer the other did not), kappa 0
      ['S1', 1, 0, 0],
      ['Q1', 0, null, null],
      ['N1', 0, null, null],
    ]);
    expect(rows[1]!.kappaNotEstimable).toMatch(/no study that both appraisers finished/);
  });

  it('counts only studies both finished, per pair of appraisers', () => {
    const rows = criterionAgreement(tool, [
      { appraiser: 'ann', studyId: 1, answers: { S1: 'yes' } },
      { appraiser: 'ben', studyId: 2, answers: { S1: 'yes' } },
      { appraiser: 'cal', studyId: 1, answers: { S1: 'no' } },
      { appraiser: 'cal', studyId: 2, answers: { S1: 'yes' } },
    ]);
    expect(rows.map((r) => [r.appraisers.join('+'), r.studies])).toEqual([
      ['ann+cal', 1],
      ['ben+cal', 1],
    ]);
  });
});
