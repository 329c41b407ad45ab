/**
 * npx tsx scripts/bench/ranking-search.ts [--seeds N] [--sets a,b] [--candidates x,y] [--threads N]
 *
 * Hyper-parameter search for Sift's default ranking model, run offline (never at run time):
 * every candidate configuration is simulated (ASReview protocol, seeds 1..N) on every labelled
 * set beside ELAS u4, then chosen by LEAVE-ONE-DATASET-OUT: for each set, the candidate that does
 * best against ELAS u4 on the OTHER sets is scored on the held-out one, so no set ever scores a
 * choice it took part in. Results are cached per run in $TMPDIR (rerunning adds only what is
 * missing). Prints markdown for docs/notes/ranking.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { wssAsreview } from '../../server/domain/ranking/asreview-metrics';
import { atd, rrf, wssOfMeanCurve } from '../../server/domain/ranking/metrics';
import { ELAS_U4, SIFT_NB, modelVersion, type RankerConfig } from '../../server/domain/ranking/ranker';
import { simulateRun, type LabelledDataset } from '../../server/domain/ranking/simulate';
import type { SparseMatrix } from '../../server/domain/ranking/sparse';
import { buildFeatures, featureKey } from '../../server/domain/ranking/features';
import { loadBenchDataset } from './ranking-datasets';
import { RANKING_SETS } from './ranking-sets';

const SIFT_FEATURES = SIFT_NB.tfidf;
const MERGED = { ...SIFT_NB.tfidf, text: 'merged' as const, minDf: 1, maxDf: 0.95 };
const SVM = { ...ELAS_U4, svmWarmStart: true };

/** The candidates. Names are stable cache keys together with the configuration itself. */
export const CANDIDATES: Record<string, RankerConfig> = {
  elas: ELAS_U4,
  siftNb: SIFT_NB,
  elasWarm: SVM,
  svmMerged: { ...SVM, tfidf: MERGED },
  svmSift: { ...SVM, tfidf: SIFT_FEATURES },
  ensElas1: { ...SVM, classifier: 'svm+nb', nbAlpha: 1, nbWeight: 1 },
  ensElas05: { ...SVM, classifier: 'svm+nb', nbAlpha: 1, nbWeight: 0.5 },
  ensSift1: { ...SVM, classifier: 'svm+nb', tfidf: SIFT_FEATURES, nbAlpha: 1, nbWeight: 1 },
  ensElas025: { ...SVM, classifier: 'svm+nb', nbAlpha: 1, nbWeight: 0.25 },
  ens2f025: { ...SVM, classifier: 'svm+nb', nbTfidf: SIFT_FEATURES, nbAlpha: 1, nbWeight: 0.25 },
  ens2f05: { ...SVM, classifier: 'svm+nb', nbTfidf: SIFT_FEATURES, nbAlpha: 1, nbWeight: 0.5 },
  ens2f1: { ...SVM, classifier: 'svm+nb', nbTfidf: SIFT_FEATURES, nbAlpha: 1, nbWeight: 1 },
  mEns035: { ...SVM, classifier: 'svm+nb', tfidf: MERGED, nbAlpha: 1, nbWeight: 0.35 },
  mEns05: { ...SVM, classifier: 'svm+nb', tfidf: MERGED, nbAlpha: 1, nbWeight: 0.5 },
  mEns075: { ...SVM, classifier: 'svm+nb', tfidf: MERGED, nbAlpha: 1, nbWeight: 0.75 },
  mStall50: { ...SVM, tfidf: MERGED, nbTfidf: SIFT_FEATURES, nbAlpha: 1, nbWeight: 1, stallExcludes: 50 },
  mStall100: { ...SVM, tfidf: MERGED, nbTfidf: SIFT_FEATURES, nbAlpha: 1, nbWeight: 1, stallExcludes: 100 },
  mStall150: { ...SVM, tfidf: MERGED, nbTfidf: SIFT_FEATURES, nbAlpha: 1, nbWeight: 1, stallExcludes: 150 },
  stall25w1: { ...SVM, nbTfidf: SIFT_FEATURES, nbAlpha: 1, nbWeight: 1, stallExcludes: 25 },
  stall50w1: { ...SVM, nbTfidf: SIFT_FEATURES, nbAlpha: 1, nbWeight: 1, stallExcludes: 50 },
  stall100w1: { ...SVM, nbTfidf: SIFT_FEATURES, nbAlpha: 1, nbWeight: 1, stallExcludes: 100 },
  stall50w3: { ...SVM, nbTfidf: SIFT_FEATURES, nbAlpha: 1, nbWeight: 3, stallExcludes: 50 },
};

interface Job {
  candidate: string;
  set: number;
  seed: number;
}
interface RunResult {
  /** 1-based positions of the relevant records in the order after the priors. */
  found: number[];
  n: number;
  ms: number;
}

const datasets = new Map<number, LabelledDataset>();
const features = new Map<string, SparseMatrix>();

function runJob(job: Job): RunResult {
  const started = performance.now();
  const set = RANKING_SETS[job.set] as (typeof RANKING_SETS)[number];
  if (!datasets.has(job.set)) datasets.set(job.set, loadBenchDataset(set) as LabelledDataset);
  const data = datasets.get(job.set) as LabelledDataset;
  const config = CANDIDATES[job.candidate] as RankerConfig;
  const key = `${job.set}|${featureKey(config)}`;
  if (!features.has(key)) features.set(key, buildFeatures(data.docs, config));
  const run = simulateRun(features.get(key) as SparseMatrix, data.labels, config, job.seed);
  const found: number[] = [];
  run.labels.forEach((l, i) => l === 1 && found.push(i + 1));
  return { found, n: run.labels.length, ms: performance.now() - started };
}

const CACHE = path.join(os.tmpdir(), 'sift-ranking-search-cache.json');
const cacheKey = (j: Job) =>
  `${JSON.stringify(CANDIDATES[j.candidate])}|${(RANKING_SETS[j.set] as { name: string }).name}|${j.seed}`;

async function runAll(jobs: Job[], threads: number): Promise<Map<string, RunResult>> {
  const cache = new Map<string, RunResult>(
    fs.existsSync(CACHE)
      ? (Object.entries(JSON.parse(fs.readFileSync(CACHE, 'utf8'))) as [string, RunResult][])
      : [],
  );
  const todo = jobs.filter((j) => !cache.has(cacheKey(j)));
  process.stderr.write(`${jobs.length} runs, ${todo.length} to simulate on ${threads} thread(s)\n`);
  let done = 0;
  const total = todo.length;
  const save = () => fs.writeFileSync(CACHE, JSON.stringify(Object.fromEntries(cache)));
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(threads, todo.length)) }, () => {
      const worker = new Worker(__filename, { execArgv: ['--require', require.resolve('tsx/cjs')] });
      return new Promise<void>((resolve, reject) => {
        let current: Job | undefined;
        const next = () => {
          current = todo.shift();
          if (!current) return void worker.terminate().then(() => resolve());
          worker.postMessage(current);
        };
        worker.on('message', (r: RunResult) => {
          cache.set(cacheKey(current as Job), r);
          if (++done % 10 === 0) {
            save();
            process.stderr.write(`  ${done}/${total}\n`);
          }
          next();
        });
        worker.on('error', reject);
        next();
      });
    }),
  );
  save();
  return cache;
}

/** Mean metrics of one candidate on one set over its runs. */
export interface SetScore {
  wssCohen: number; // Cohen's WSS@95 on the mean curve
  wssInsights: number; // asreview-insights WSS@95, mean of runs
  rrf10: number;
  atd: number;
  secondsPerRun: number;
}

function orderOf(r: RunResult): Array<0 | 1> {
  const o = new Array<0 | 1>(r.n).fill(0);
  for (const p of r.found) o[p - 1] = 1;
  return o;
}

export function score(runs: RunResult[]): SetScore {
  const orders = runs.map(orderOf);
  const mean = (f: (o: Array<0 | 1>) => number) => orders.reduce((s, o) => s + f(o), 0) / orders.length;
  return {
    wssCohen: wssOfMeanCurve(orders),
    wssInsights: mean((o) => wssAsreview(o)),
    rrf10: mean((o) => rrf(o)),
    atd: mean((o) => atd(o)),
    secondsPerRun: runs.reduce((s, r) => s + r.ms, 0) / runs.length / 1000,
  };
}

/** Per set, a candidate's gains over ELAS u4: ΔWSS@95 (mean of both definitions) and ΔRRF@10. */
function gains(
  scores: Map<string, SetScore[]>,
  candidate: string,
  set: number,
): { wss: number; rrf: number } {
  const a = (scores.get(candidate) as SetScore[])[set] as SetScore;
  const b = (scores.get('elas') as SetScore[])[set] as SetScore;
  return { wss: (a.wssCohen - b.wssCohen + a.wssInsights - b.wssInsights) / 2, rrf: a.rrf10 - b.rrf10 };
}

/**
 * The selection rule. The goal is "never behind ELAS u4 on any set", so candidates are ranked
 * by their WORST margin, min over sets of min(ΔWSS, ΔRRF); ties (within 0.05) are broken by
 * the mean gain, the mean over sets of (ΔWSS + ΔRRF) / 2.
 */
function choose(scores: Map<string, SetScore[]>, contenders: string[], sets: number[]) {
  return contenders
    .map((c) => {
      const g = sets.map((s) => gains(scores, c, s));
      return {
        c,
        worst: Math.min(...g.map((x) => Math.min(x.wss, x.rrf))),
        mean: g.reduce((t, x) => t + (x.wss + x.rrf) / 2, 0) / g.length,
      };
    })
    .sort((a, b) => (Math.abs(a.worst - b.worst) > 0.05 ? b.worst - a.worst : b.mean - a.mean));
}

async function main(): Promise<void> {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const seeds = Number(arg('seeds') ?? 5);
  const threads = Number(arg('threads') ?? 1);
  const names = arg('candidates')?.split(',') ?? Object.keys(CANDIDATES);
  if (!names.includes('elas')) names.unshift('elas');
  const setFilter = arg('sets')?.split(',');
  const sets = RANKING_SETS.map((_, i) => i).filter(
    (i) =>
      loadBenchDataset(RANKING_SETS[i] as (typeof RANKING_SETS)[number]) !== null &&
      (!setFilter || setFilter.some((f) => (RANKING_SETS[i] as { name: string }).name.includes(f))),
  );
  const jobs: Job[] = [];
  for (const set of sets)
    for (const candidate of names)
      for (let seed = 1; seed <= seeds; seed++) jobs.push({ candidate, set, seed });
  const results = await runAll(jobs, threads);

  const scores = new Map<string, SetScore[]>();
  for (const c of names) {
    const perSet: SetScore[] = [];
    for (const s of sets) {
      const runs = jobs
        .filter((j) => j.candidate === c && j.set === s)
        .map((j) => results.get(cacheKey(j)) as RunResult);
      perSet[s] = score(runs);
    }
    scores.set(c, perSet);
  }

  const f = (v: number) => v.toFixed(1);
  const lines: string[] = [];
  lines.push(`${seeds} seeds per set; Δ against ELAS u4 on the same seeds (same priors).`, '');
  lines.push('| set | candidate | WSS@95 Cohen (mean curve) | WSS@95 insights | RRF@10 | ATD % | s/run |');
  lines.push('|---|---|---:|---:|---:|---:|---:|');
  for (const s of sets) {
    const e = (scores.get('elas') as SetScore[])[s] as SetScore;
    for (const c of names) {
      const a = (scores.get(c) as SetScore[])[s] as SetScore;
      const d = (x: number, y: number) => (c === 'elas' ? '' : ` (${x - y >= 0 ? '+' : ''}${f(x - y)})`);
      lines.push(
        `| ${(RANKING_SETS[s] as { name: string }).name} | ${c} \`${modelVersion(CANDIDATES[c] as RankerConfig)}\` | ${f(a.wssCohen)}${d(a.wssCohen, e.wssCohen)} | ${f(a.wssInsights)}${d(a.wssInsights, e.wssInsights)} | ${f(a.rrf10)}${d(a.rrf10, e.rrf10)} | ${f(a.atd)}${d(a.atd, e.atd)} | ${a.secondsPerRun.toFixed(2)} |`,
      );
    }
  }
  const contenders = names.filter((c) => c !== 'elas');
  lines.push(
    '',
    'Against ELAS u4 on all sets (ΔWSS@95 = mean of both definitions; worst = min over sets of min(ΔWSS, ΔRRF@10); mean = mean over sets of (ΔWSS + ΔRRF@10)/2):',
  );
  lines.push('', '| candidate | worst | mean |', '|---|---:|---:|');
  for (const r of choose(scores, contenders, sets)) lines.push(`| ${r.c} | ${f(r.worst)} | ${f(r.mean)} |`);
  lines.push(
    '',
    'Leave-one-dataset-out: the candidate chosen on the other sets, scored on the held-out one:',
  );
  lines.push(
    '',
    '| held-out set | chosen on the others | worst / mean there | ΔWSS / ΔRRF@10 on the held-out set |',
  );
  lines.push('|---|---|---:|---:|');
  for (const held of sets) {
    const best = choose(
      scores,
      contenders,
      sets.filter((s) => s !== held),
    )[0] as { c: string; worst: number; mean: number };
    const there = gains(scores, best.c, held);
    lines.push(
      `| ${(RANKING_SETS[held] as { name: string }).name} | ${best.c} | ${f(best.worst)} / ${f(best.mean)} | ${f(there.wss)} / ${f(there.rrf)} |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (isMainThread) void main();
else parentPort?.on('message', (job: Job) => parentPort?.postMessage(runJob(job)));
