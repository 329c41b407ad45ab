import { DOUBLE_BALANCE } from '../../../server/domain/ranking/balance';
import type { TrainingExample } from '../../../server/domain/ranking/linear-model';
import { seededRng } from '../../../server/domain/ranking/random';
import { doubleResample } from '../../../server/domain/ranking/resample';
import { ASREVIEW_NB_EXACT, Learner } from '../../../server/domain/ranking/ranker';
import { fromRows } from '../../../server/domain/ranking/sparse';

function examples(ones: number, zeros: number): TrainingExample[] {
  const out: TrainingExample[] = [];
  for (let i = 0; i < ones; i++) out.push({ row: i, label: 1 });
  for (let i = 0; i < zeros; i++) out.push({ row: ones + i, label: 0 });
  return out;
}

describe("ASReview's double balance by resampling", () => {
  it('keeps the training size, copies every inclusion and draws exclusions without repeats', () => {
    const sample = doubleResample(examples(3, 97), DOUBLE_BALANCE, seededRng(7));
    expect(sample).toHaveLength(100);
    const ones = sample.filter((e) => e.label === 1);
    const zeros = sample.filter((e) => e.label === 0);
    // a·(3/97)^-α ≈ 56 per inclusion against ≈ 0.96 per exclusion: inclusions fill ~64 % of slots
    expect(ones.length).toBeGreaterThanOrEqual(60);
    expect(ones.length).toBeLessThanOrEqual(68);
    for (const row of [0, 1, 2]) expect(ones.filter((e) => e.row === row).length).toBeGreaterThanOrEqual(21);
    expect(new Set(zeros.map((e) => e.row)).size).toBe(zeros.length);
  });

  it('is reproducible from the seed and differs between seeds', () => {
    const rows = (seed: number) =>
      doubleResample(examples(5, 200), DOUBLE_BALANCE, seededRng(seed)).map((e) => e.row);
    expect(rows(3)).toEqual(rows(3));
    expect(rows(3)).not.toEqual(rows(4));
  });

  it('leaves at least one inclusion and two exclusion slots', () => {
    const sample = doubleResample(examples(1, 2), DOUBLE_BALANCE, seededRng(1));
    expect(sample.filter((e) => e.label === 1)).toHaveLength(1);
    expect(sample.filter((e) => e.label === 0)).toHaveLength(2);
  });

  it('a resampling learner ranks the inclusion-like record first', () => {
    // features: 0 = "nudge", 1 = "surgery"
    const x = fromRows(
      [
        new Map([[0, 1]]),
        new Map([[1, 1]]),
        new Map([[1, 1]]),
        new Map([
          [0, 0.9],
          [1, 0.1],
        ]),
      ],
      2,
    );
    const learner = new Learner(x, ASREVIEW_NB_EXACT, 5);
    for (const e of [
      { row: 0, label: 1 },
      { row: 1, label: 0 },
      { row: 2, label: 0 },
    ] as const)
      learner.add(e);
    const model = learner.fit();
    expect(model.coef[0]!).toBeGreaterThan(model.coef[1]!);
  });
});
