/**
 * npx tsx scripts/bench/ranking-divergence.ts [--seeds N] [--sets a,b] [--limit N]
 *
 * Where does a variant of ELAS u4 first screen another record than ELAS u4 itself? Each
 * variant is simulated in lockstep with ELAS u4 (same seed, so the same priors), retraining
 * after every decision as the ranking bench does, and stops at the first decision where the
 * two pick different records (or after --limit decisions). Variants: the SVM warm-started
 * from the last dual solution; ELAS u4's exact features stored in single precision; Sift's
 * hashed TF-IDF build (2^22 buckets for word pairs, single precision). A diagnosis for
 * docs/notes/ranking.md ("Why the default is ELAS u4 itself"); prints markdown.
 */
import { logOdds } from '../../server/domain/ranking/linear-model';
import { pick, seededRng } from '../../server/domain/ranking/random';
import { ELAS_U4, Learner, type RankerConfig } from '../../server/domain/ranking/ranker';
import type { LabelledDataset } from '../../server/domain/ranking/simulate';
import type { SparseMatrix } from '../../server/domain/ranking/sparse';
import { buildTfidf } from '../../server/domain/ranking/tfidf';
import { loadBenchDataset } from './ranking-datasets';
import { RANKING_SETS } from './ranking-sets';

interface Variant {
  name: string;
  config: RankerConfig;
  features: (exact: SparseMatrix, data: LabelledDataset) => SparseMatrix;
}

const VARIANTS: Variant[] = [
  { name: 'warm start', config: { ...ELAS_U4, svmWarmStart: true }, features: (x) => x },
  {
    name: 'exact features in float32',
    config: ELAS_U4,
    features: (x) => ({ ...x, data: Float32Array.from(x.data) }),
  },
  {
    name: "Sift's hashed build",
    config: ELAS_U4,
    features: (_, data) => buildTfidf(data.docs, { ...ELAS_U4.tfidf, text: 'merged' }).matrix,
  },
];

/** The record a learner screens next: the highest score among the unscreened (lowest row on ties). */
function next(learner: Learner, x: SparseMatrix, screened: Uint8Array): number {
  const model = learner.fit();
  let best = -1;
  let bestScore = -Infinity;
  for (let row = 0; row < x.rows; row++) {
    if (screened[row]) continue;
    const s = logOdds(model, x, row);
    if (best < 0 || s > bestScore) [best, bestScore] = [row, s];
  }
  return best;
}

/** Decisions made alike before the first different pick (limit when none differs). */
function divergence(
  data: LabelledDataset,
  a: { x: SparseMatrix; config: RankerConfig },
  b: { x: SparseMatrix; config: RankerConfig },
  seed: number,
  limit: number,
): number {
  const includes = data.labels.flatMap((l, i) => (l === 1 ? [i] : []));
  const excludes = data.labels.flatMap((l, i) => (l === 0 ? [i] : []));
  const rng = seededRng(seed);
  const priors = [pick(includes, rng), pick(excludes, rng)];
  const learners = [new Learner(a.x, a.config, seed), new Learner(b.x, b.config, seed)];
  const screened = new Uint8Array(data.labels.length);
  for (const row of priors) {
    screened[row] = 1;
    for (const l of learners) l.add({ row, label: data.labels[row] as 0 | 1 });
  }
  for (let step = 0; step < limit; step++) {
    const ra = next(learners[0] as Learner, a.x, screened);
    const rb = next(learners[1] as Learner, b.x, screened);
    if (ra !== rb || ra < 0) return step;
    screened[ra] = 1;
    for (const l of learners) l.add({ row: ra, label: data.labels[ra] as 0 | 1 });
  }
  return limit;
}

function main(): void {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const seeds = Number(arg('seeds') ?? 7);
  const limit = Number(arg('limit') ?? 300);
  const filter = arg('sets')?.split(',');
  const lines = [
    `Decisions made alike before the first record a variant screens differently from ELAS u4 (seeds 1–${seeds}, at most ${limit}):`,
    '',
    `| set | variant | ${Array.from({ length: seeds }, (_, s) => `seed ${s + 1}`).join(' | ')} |`,
    `|---|---|${'---:|'.repeat(seeds)}`,
  ];
  for (const set of RANKING_SETS) {
    if (filter && !filter.some((f) => set.name.includes(f))) continue;
    const data = loadBenchDataset(set);
    if (!data) continue;
    const exact = buildTfidf(data.docs, ELAS_U4.tfidf).matrix;
    for (const v of VARIANTS) {
      const x = v.features(exact, data);
      const cells = Array.from({ length: seeds }, (_, s) =>
        divergence(data, { x: exact, config: ELAS_U4 }, { x, config: v.config }, s + 1, limit),
      );
      lines.push(
        `| ${set.name} | ${v.name} | ${cells.map((c) => (c === limit ? `≥ ${c}` : `${c}`)).join(' | ')} |`,
      );
      process.stderr.write(`${lines[lines.length - 1]}\n`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
