import { dualCodingTables, type FinishedStudy } from '../../../server/domain/coding/dual-coding';
import type { SynthesisApplication } from '../../../server/domain/coding/synthesis';

/**
 * Per-code agreement between two coders across the studies both finished. Each table below was
 * filled in and computed by hand: po = (both + neither) / n; p1 = (both + onlyFirst) / n and
 * p2 = (both + onlySecond) / n are how often each coder applied the code; chance agreement
 * pe = p1·p2 + (1 − p1)(1 − p2); kappa = (po − pe) / (1 − pe).
 */

const codes = [
  { id: 1, code: 'X', label: 'X', parentId: null },
  { id: 2, code: 'Y', label: 'Y', parentId: null },
];

/** Applications of one code making the 2×2 table (both, onlyFirst, onlySecond, neither) over studies 1..n. */
function tableOf(
  codeId: number,
  cells: [number, number, number, number],
  studyBase = 0,
): SynthesisApplication[] {
  const [both, onlyFirst, onlySecond] = cells;
  const apps: SynthesisApplication[] = [];
  let s = studyBase;
  const add = (coder: string, studyId: number) =>
    apps.push({ studyId, codeId, coder, excerpt: '', page: null });
  for (let i = 0; i < both; i++, s++) {
    add('alice', s + 1);
    add('bob', s + 1);
  }
  for (let i = 0; i < onlyFirst; i++, s++) add('alice', s + 1);
  for (let i = 0; i < onlySecond; i++, s++) add('bob', s + 1);
  return apps;
}

const bothFinished = (n: number): FinishedStudy[] =>
  Array.from({ length: n }, (_, i) => i + 1).flatMap((studyId) => [
    { coder: 'alice', studyId },
    { coder: 'bob', studyId },
  ]);

describe('dualCodingTables(): observed agreement and Cohen’s kappa per code', () => {
  it.each([
    // both, onlyFirst, onlySecond, neither → po, kappa
    // n = 10: po = 7/10; p1 = .5, p2 = .6; pe = .30 + .20 = .5; kappa = .2 / .5 = 0.4
    [[4, 1, 2, 3], 0.7, 0.4],
    // n = 4: po = .75; p1 = .5, p2 = .75; pe = .375 + .125 = .5; kappa = .25 / .5 = 0.5
    [[2, 0, 1, 1], 0.75, 0.5],
    // n = 4: po = 0; p1 = p2 = .5; pe = .5; kappa = −.5 / .5 = −1
    [[0, 2, 2, 0], 0, -1],
    // n = 6: po = 4/6; p1 = p2 = 3/6; pe = 1/4 + 1/4 = 1/2; kappa = (2/3 − 1/2) / (1/2) = 1/3
    [[2, 1, 1, 2], 4 / 6, 1 / 3],
    // n = 6: po = 3/6; p1 = 2/6, p2 = 3/6; pe = 1/6 + 2/6 = 1/2; kappa = 0 (no better than chance)
    [[1, 1, 2, 2], 3 / 6, 0],
  ] as [[number, number, number, number], number, number][])(
    'table %j gives observed agreement %d and kappa %d',
    (cells, po, kappa) => {
      const n = cells.reduce((a, b) => a + b, 0);
      const [table] = dualCodingTables(codes.slice(0, 1), tableOf(1, cells), bothFinished(n));
      expect(table!.studies).toBe(n);
      expect([table!.both, table!.onlyFirst, table!.onlySecond, table!.neither]).toEqual(cells);
      expect(table!.observedAgreement).toBeCloseTo(po, 6);
      expect(table!.kappa).toBeCloseTo(kappa, 6);
      expect(table!.kappaNotEstimable).toBeNull();
    },
  );

  it('kappa is not estimable, with the reason, when both coders applied a code everywhere or nowhere', () => {
    // Y applied by both on all 3 studies; X applied by nobody: pe = 1 for both, observed agreement 1.
    const apps = tableOf(2, [3, 0, 0, 0]);
    const [x, y] = dualCodingTables(codes, apps, bothFinished(3));
    expect(x).toMatchObject({ code: 'X', neither: 3, observedAgreement: 1, kappa: null });
    expect(x!.kappaNotEstimable).toMatch(/neither coder applied the code/);
    expect(y).toMatchObject({ code: 'Y', both: 3, observedAgreement: 1, kappa: null });
    expect(y!.kappaNotEstimable).toMatch(/every study/);
  });

  it('counts only the studies both coders finished, and pairs that share none give no table', () => {
    // Study 3 is coded by both but finished by alice only; carol finished study 9 alone.
    const apps = [...tableOf(1, [1, 1, 0, 0]), ...tableOf(1, [1, 0, 0, 0], 2)];
    const finished = [...bothFinished(2), { coder: 'alice', studyId: 3 }, { coder: 'carol', studyId: 9 }];
    const tables = dualCodingTables(codes.slice(0, 1), apps, finished);
    expect(tables).toHaveLength(1);
    // studies 1 (both) and 2 (alice only): po = .5; p1 = 1, p2 = .5; pe = .5; kappa = 0
    expect(tables[0]).toMatchObject({
      coders: ['alice', 'bob'],
      studies: 2,
      both: 1,
      onlyFirst: 1,
      kappa: 0,
    });
  });
});
