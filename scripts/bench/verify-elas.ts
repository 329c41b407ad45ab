/**
 * npx tsx scripts/bench/verify-elas.ts — checks Sift's TypeScript ELAS u4 against
 * scikit-learn itself (scripts/bench/asreview-reference.py, Debian's python3-sklearn):
 *
 * 1. TF-IDF + balanced LinearSVC fitted on the same records: vocabulary size and the decision
 *    function of every record, solved to 1e-10 on both sides (the solutions must agree) and at
 *    ELAS u4's own tol 1e-4 (the orders must agree at the top).
 * 2. asreview-insights' WSS@95 and RRF@10 on random orders, against its numpy formulas.
 * 3. Whole simulations with the same priors: the screening orders and their metrics.
 *
 * Bench-only: skipped with a message when /usr/bin/python3 has no scikit-learn. With
 * --write-fixture it also writes scikit-learn's decision values for the 240-record fixture to
 * tests/fixtures/ranking/elas_u4_sklearn_decision.json, which a unit test compares against
 * without Python.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { atdAsreview, rrfAsreview, wssAsreview } from '../../server/domain/ranking/asreview-metrics';
import { balancedWeights } from '../../server/domain/ranking/balance';
import { logOdds } from '../../server/domain/ranking/linear-model';
import { fitLinearSvc } from '../../server/domain/ranking/linear-svc';
import { seededRng } from '../../server/domain/ranking/random';
import { ELAS_U4 } from '../../server/domain/ranking/ranker';
import { simulateRun, type LabelledDataset } from '../../server/domain/ranking/simulate';
import { asreviewText } from '../../server/domain/ranking/sklearn-tfidf';
import { buildTfidf } from '../../server/domain/ranking/tfidf';
import { readLabelledCsv } from '../../server/cli/read-labelled-csv';
import { SCREENING_CORPUS } from './ranking-datasets';

const PYTHON = '/usr/bin/python3';
const REFERENCE = path.join(__dirname, 'asreview-reference.py');

function python<T>(job: object): T {
  const r = spawnSync(PYTHON, [REFERENCE], { input: JSON.stringify(job), maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`asreview-reference.py failed: ${r.stderr.toString()}`);
  return JSON.parse(r.stdout.toString()) as T;
}

function compareFit(name: string, data: LabelledDataset): void {
  const x = buildTfidf(data.docs, ELAS_U4.tfidf).matrix;
  const train = data.labels.map((_, i) => i).filter((i) => i % 2 === 0);
  const examples = train.map((row) => ({ row, label: data.labels[row] as 0 | 1 }));
  const ones = examples.filter((e) => e.label === 1).length;
  const weights = balancedWeights(ones, examples.length - ones, ELAS_U4.balancedRatio);
  for (const [tol, maxIter] of [
    [1e-10, 100000],
    [1e-4, 1000],
  ] as const) {
    const ref = python<{ sklearn: string; vocabulary: number; decision: number[] }>({
      mode: 'fit',
      texts: data.docs.map(asreviewText),
      labels: data.labels,
      train,
      tol,
      max_iter: maxIter,
    });
    const fit = fitLinearSvc(x, examples, weights, { c: ELAS_U4.svmC, tol, maxIter, rng: seededRng(1) });
    const ours = data.labels.map((_, row) => logOdds(fit, x, row));
    const diff = Math.max(...ours.map((v, i) => Math.abs(v - (ref.decision[i] as number))));
    const top = (v: number[]) =>
      v
        .map((s, i) => [s, i] as const)
        .filter(([, i]) => i % 2 === 1)
        .sort((a, b) => b[0] - a[0])
        .slice(0, 20)
        .map(([, i]) => i)
        .join(',');
    console.log(
      `${name}: scikit-learn ${ref.sklearn}, tol ${tol}: vocabulary ${x.cols} vs ${ref.vocabulary}, ` +
        `max |decision difference| ${diff.toExponential(2)} over ${ours.length} records, ` +
        `top 20 held-out records ${top(ours) === top(ref.decision) ? 'identical' : 'DIFFER'}`,
    );
  }
}

function compareInsights(): void {
  const rng = seededRng(11);
  const orders: Array<Array<0 | 1>> = [];
  for (let t = 0; t < 300; t++) {
    const n = 1 + Math.floor(rng() * 300);
    const order = Array.from({ length: n }, () => (rng() < 0.08 ? 1 : 0) as 0 | 1);
    order[Math.floor(rng() * n)] = 1;
    orders.push(order);
  }
  const ref = python<{ wss95: number[]; rrf10: number[] }>({ mode: 'insights', orders });
  let worst = 0;
  orders.forEach((o, i) => {
    worst = Math.max(
      worst,
      Math.abs(wssAsreview(o) - (ref.wss95[i] as number)),
      Math.abs(rrfAsreview(o) - (ref.rrf10[i] as number)),
    );
  });
  console.log(
    `asreview-insights WSS@95 and RRF@10 on ${orders.length} random orders: max difference ${worst}`,
  );
}

function compareSimulations(name: string, data: LabelledDataset, seeds: number[]): void {
  const x = buildTfidf(data.docs, ELAS_U4.tfidf).matrix;
  for (const seed of seeds) {
    const ours = simulateRun(x, data.labels, ELAS_U4, seed);
    const started = performance.now();
    const ref = python<{ order: Array<0 | 1> }>({
      mode: 'simulate',
      texts: data.docs.map(asreviewText),
      labels: data.labels,
      priors: [ours.priorInclude, ours.priorExclude],
      seed,
    });
    const seconds = (performance.now() - started) / 1000;
    const theirs = [...ref.order, ...new Array<0 | 1>(ours.labels.length - ref.order.length).fill(0)];
    let same = 0;
    while (same < theirs.length && theirs[same] === ours.labels[same]) same++;
    const m = (o: Array<0 | 1>) =>
      `WSS@95 ${wssAsreview(o).toFixed(1)} RRF@10 ${rrfAsreview(o).toFixed(1)} ATD ${atdAsreview(o).toFixed(1)}`;
    console.log(
      `${name} seed ${seed}: Sift's ELAS u4 ${m(ours.labels)} | scikit-learn ${m(theirs)} (${seconds.toFixed(0)} s); ` +
        `label sequences agree for the first ${same} of ${theirs.length} records`,
    );
  }
}

function main(): void {
  const probe = spawnSync(PYTHON, ['-c', 'import sklearn'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    console.log(`skipped: ${PYTHON} has no scikit-learn (apt-get install -y python3-sklearn)`);
    return;
  }
  const fixtures = path.join(__dirname, '../../tests/fixtures/ranking');
  const fixture = readLabelledCsv(path.join(fixtures, 'nudging_first240.csv'));
  if (process.argv.includes('--write-fixture')) {
    const train = fixture.labels.map((_, i) => i).filter((i) => i % 2 === 0);
    const ref = python<{ sklearn: string; vocabulary: number; decision: number[] }>({
      mode: 'fit',
      texts: fixture.docs.map(asreviewText),
      labels: fixture.labels,
      train,
      tol: 1e-10,
      max_iter: 100000,
    });
    const out = path.join(fixtures, 'elas_u4_sklearn_decision.json');
    fs.writeFileSync(out, `${JSON.stringify({ ...ref, train: 'even rows', tol: 1e-10 })}\n`);
    console.log(`wrote ${out}`);
  }
  compareFit('nudging first 240', fixture);
  compareInsights();
  compareSimulations('nudging first 240', fixture, [1, 2, 3]);
  const antihistamines = path.join(SCREENING_CORPUS, 'asreview-srd/Cohen_2006/Antihistamines.csv');
  try {
    compareSimulations('Cohen Antihistamines', readLabelledCsv(antihistamines), [1, 2, 3]);
  } catch (error) {
    console.log(`Antihistamines skipped: ${(error as Error).message}`);
  }
}

main();
