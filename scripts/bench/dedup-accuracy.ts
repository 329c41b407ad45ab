/**
 * Accuracy of automatic deduplication on the labelled sets: bib-dedupe's six (shared corpus) and
 * Sift's own set from other fields (tests/fixtures/dedup/other_fields, one row per part too),
 * beside the published figures and the figures of the code before issue 14 (a baseline file).
 */
import fs from 'node:fs';
import path from 'node:path';
import { planDeduplication } from '../../server/domain/dedup/engine';
import { evaluate, partOf, type Confusion, type LabelledSet } from '../../server/domain/dedup/labelled';
import { readLabelledSet } from '../../tests/support/labelled-sets';
import { median } from './report';

export const BIB_DEDUPE_SETS = [
  'cytology_screening',
  'haematology',
  'respiratory',
  'stroke',
  'special_cases',
  'tests_data',
];
const OWN_SETS_DIR = path.resolve(__dirname, '..', '..', 'tests', 'fixtures', 'dedup');
const OWN_SET = 'other_fields';
const BASELINE_FILE = path.join(__dirname, 'dedup-baseline.json');

interface Published {
  package: string;
  fp: number;
  tp: number;
  fn: number;
  tn: number;
  sensitivity: number;
  precision: number;
  f1: number;
  runtime: string;
}

/** What one labelled set gave; also the shape of the baseline file's entries. */
export interface SetResult {
  name: string;
  n: number;
  confusion: Confusion;
  review: number;
  keptApart: number;
  /** TP and FN once a perfect reviewer has settled the review queue. */
  afterReview: { tp: number; fn: number };
  ms: number;
}

interface Baseline {
  /** The commit whose engine produced these figures, and how. */
  source: string;
  sets: SetResult[];
  scale: { records: number; engineCpuMs: number; referenceCpuMs: number }[];
}

/** The per-dataset tables of published_results/current_results_2025-10.md. */
function readPublished(dir: string): Map<string, Published[]> {
  const file = path.join(dir, 'published_results', 'current_results_2025-10.md');
  const out = new Map<string, Published[]>();
  if (!fs.existsSync(file)) return out;
  let current: string | null = null;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const heading = /^## (\S+) \(n=/.exec(line);
    if (heading) current = heading[1]!;
    const cells = line.split('|').map((c) => c.trim());
    if (!current || cells.length < 12 || !/^[a-z-]+$/.test(cells[1] ?? '') || cells[1] === 'package')
      continue;
    const [, pkg, fp, tp, fn, tn, , , sens, prec, f1, runtime] = cells;
    out.set(current, [
      ...(out.get(current) ?? []),
      {
        package: pkg!,
        fp: Number(fp),
        tp: Number(tp),
        fn: Number(fn),
        tn: Number(tn),
        sensitivity: Number(sens),
        precision: Number(prec),
        f1: Number(f1),
        runtime: runtime!,
      },
    ]);
  }
  return out;
}

export const f4 = (x: number): string => (Number.isFinite(x) ? x.toFixed(4) : '–');

function scores(c: Confusion) {
  const sensitivity = c.tp / (c.tp + c.fn);
  const precision = c.tp / (c.tp + c.fp);
  const pairPrecision = c.foundPairs ? c.correctPairs / c.foundPairs : 1;
  const pairRecall = c.truePairs ? c.correctPairs / c.truePairs : 1;
  return {
    sensitivity,
    precision,
    f1: (2 * sensitivity * precision) / (sensitivity + precision),
    pairPrecision,
    pairRecall,
    pairF1: (2 * pairPrecision * pairRecall) / (pairPrecision + pairRecall),
  };
}

/** Merges each review cluster whose records all belong to one labelled group (a perfect reviewer). */
function withOracleReview(set: LabelledSet, merged: number[][], review: number[][]): number[][] {
  const truthOf = new Map<string, number>();
  set.truth.forEach((group, g) => group.forEach((label) => truthOf.set(label, g)));
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let node = x;
    while (parent.has(node) && parent.get(node) !== node) node = parent.get(node)!;
    return node;
  };
  const join = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const group of merged) for (const id of group.slice(1)) join(id, group[0]!);
  for (const group of review) {
    const truths = new Set(group.map((id) => truthOf.get(set.labels[id - 1]!)));
    if (truths.size === 1 && !truths.has(undefined)) for (const id of group.slice(1)) join(id, group[0]!);
  }
  const clusters = new Map<number, number[]>();
  for (const id of new Set([...merged.flat(), ...review.flat()])) {
    const root = find(id);
    clusters.set(root, [...(clusters.get(root) ?? []), id]);
  }
  return [...clusters.values()].filter((c) => c.length > 1);
}

function measure(set: LabelledSet): SetResult {
  const times: number[] = [];
  let plan = planDeduplication(set.records, { newIds: set.newIds });
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    plan = planDeduplication(set.records, { newIds: set.newIds });
    times.push(performance.now() - t0);
  }
  const merged = plan.merged.map((g) => g.recordIds);
  const reviewed = evaluate(
    set,
    withOracleReview(
      set,
      merged,
      plan.review.map((g) => g.recordIds),
    ),
  );
  return {
    name: set.name,
    n: set.records.length,
    confusion: evaluate(set, merged),
    review: plan.review.length,
    keptApart: plan.keptApart.length,
    afterReview: { tp: reviewed.tp, fn: reviewed.fn },
    ms: median(times),
  };
}

function pool(name: string, results: SetResult[]): SetResult {
  const confusion: Confusion = {
    tp: 0,
    fp: 0,
    fn: 0,
    tn: 0,
    falseMergePairs: 0,
    truePairs: 0,
    foundPairs: 0,
    correctPairs: 0,
  };
  for (const r of results)
    for (const key of Object.keys(confusion) as (keyof Confusion)[]) confusion[key] += r.confusion[key];
  return {
    name,
    n: results.reduce((n, r) => n + r.n, 0),
    confusion,
    review: results.reduce((n, r) => n + r.review, 0),
    keptApart: results.reduce((n, r) => n + r.keptApart, 0),
    afterReview: {
      tp: results.reduce((n, r) => n + r.afterReview.tp, 0),
      fn: results.reduce((n, r) => n + r.afterReview.fn, 0),
    },
    ms: results.reduce((n, r) => n + r.ms, 0),
  };
}

const sensitivity = (r: { tp: number; fn: number }): number => r.tp / (r.tp + r.fn);

function row(r: SetResult, bold = false): string {
  const s = scores(r.confusion);
  const c = r.confusion;
  const name = bold ? `**${r.name}**` : r.name;
  const sens = bold ? `**${f4(s.sensitivity)}**` : f4(s.sensitivity);
  return (
    `| ${name} | ${r.n} | ${c.fp} | ${c.tp} | ${c.fn} | ${c.tn} | ${sens} | ${f4(s.precision)} | ${f4(s.f1)} | ` +
    `${f4(s.pairPrecision)} | ${f4(s.pairRecall)} | ${f4(s.pairF1)} | ${c.falseMergePairs} | ${r.review} | ${r.keptApart} | ` +
    `${f4(sensitivity(r.afterReview))} | ${r.ms.toFixed(0)} ms |`
  );
}

/** Every labelled set that is present: bib-dedupe's from the corpus, Sift's own from the fixtures. */
function labelledSets(bibDedupeDir: string): LabelledSet[] {
  const sets = BIB_DEDUPE_SETS.map((n) => path.join(bibDedupeDir, n))
    .filter((folder) => fs.existsSync(folder))
    .map(readLabelledSet);
  const own = readLabelledSet(path.join(OWN_SETS_DIR, OWN_SET));
  return [...sets, own];
}

export function readBaseline(): Baseline | null {
  return fs.existsSync(BASELINE_FILE)
    ? (JSON.parse(fs.readFileSync(BASELINE_FILE, 'utf8')) as Baseline)
    : null;
}

/** Measures every set; with DEDUP_BENCH_WRITE_BASELINE set, also saves the figures as the baseline. */
export function accuracySection(bibDedupeDir: string): { markdown: string; results: SetResult[] } {
  const published = readPublished(bibDedupeDir);
  const sets = labelledSets(bibDedupeDir);
  const results: SetResult[] = [];
  const rows: string[] = [];
  for (const set of sets) {
    const result = measure(set);
    results.push(result);
    rows.push(row(result));
    const parts = [...new Set(set.parts)].filter(Boolean);
    if (parts.length > 1) {
      for (const part of parts) {
        const partResult = measure(partOf(set, part));
        results.push(partResult);
        rows.push(row({ ...partResult, name: `· ${part}` }));
      }
    }
  }
  const whole = results.filter((r) => !r.name.includes('/'));
  const bibDedupe = pool(
    'pooled, bib-dedupe sets',
    whole.filter((r) => BIB_DEDUPE_SETS.includes(r.name)),
  );
  const all = pool(`pooled, all ${whole.length} sets`, whole);

  const bib = BIB_DEDUPE_SETS.flatMap((n) =>
    (published.get(n) ?? []).filter((p) => p.package === 'bib-dedupe'),
  );
  const bibTp = bib.reduce((n, p) => n + p.tp, 0);
  const bibFn = bib.reduce((n, p) => n + p.fn, 0);
  const bibFp = bib.reduce((n, p) => n + p.fp, 0);
  const beside = [...published.entries()]
    .filter(([name]) => BIB_DEDUPE_SETS.includes(name) || name === 'digital_work')
    .flatMap(([name, list]) =>
      list.map(
        (p) =>
          `| ${name} | ${p.package} | ${p.fp} | ${p.tp} | ${p.fn} | ${p.tn} | ${f4(p.sensitivity)} | ${f4(p.precision)} | ${f4(p.f1)} | ${p.runtime} |`,
      ),
    );
  const markdown = [
    '"Sensitivity after review" supposes a reviewer who merges exactly those review clusters whose records the labels call one work: it shows what the queue holds. "Kept apart" counts the groups of look-alike records a veto separated (stored as not-duplicate clusters with the vetoes as evidence). Every other column counts automatic merges only.',
    '',
    'Counted record by record as bib-dedupe\'s `compare_dedupe_id` (per true group: first kept record TN, other kept ones FN, removed ones TP; a removed singleton FP). Only automatic merges count; clusters sent to review are not merges. Pair columns count record pairs put in one cluster; "false merges" = pairs the labels keep apart. `other_fields` is Sift\'s own set from outside the health sciences (`tests/fixtures/dedup/other_fields/README.md`); its parts are measured on their own below it.',
    '',
    '| dataset | n | FP | TP | FN | TN | sensitivity | precision | F1 | pair precision | pair recall | pair F1 | false merges | review clusters | kept apart | sensitivity after review | time |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    row(bibDedupe, true),
    row(all, true),
    '',
    beforeAfter([...results, bibDedupe, all]),
    '',
    `Published figures (\`dedup/bib-dedupe/published_results/current_results_2025-10.md\`); bib-dedupe pooled over the six sets above: FP ${bibFp}, sensitivity ${f4(bibTp / (bibTp + bibFn))}. \`digital_work\` (information systems) is not in the corpus: it is listed as the published bar for a field outside the health sciences.`,
    '',
    '| dataset | package | FP | TP | FN | TN | sensitivity | precision | F1 | runtime |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...beside,
  ].join('\n');
  return { markdown, results: [...results, bibDedupe, all] };
}

/** The same sets measured with the engine before issue 14 (dedup-baseline.json), beside today's. */
function beforeAfter(results: SetResult[]): string {
  const baseline = readBaseline();
  if (!baseline) return 'No baseline file (scripts/bench/dedup-baseline.json): before/after table skipped.';
  const before = new Map(baseline.sets.map((r) => [r.name, r]));
  const lines = results.map((r) => {
    const b = before.get(r.name);
    const cell = (x: number | undefined, y: number) => (x === undefined ? `${y}` : `${x} → ${y}`);
    const sens = b
      ? `${f4(sensitivity(b.confusion))} → ${f4(sensitivity(r.confusion))}`
      : f4(sensitivity(r.confusion));
    const name = r.name.includes('/') ? `· ${r.name.split('/')[1]}` : r.name;
    return `| ${name} | ${cell(b?.confusion.falseMergePairs, r.confusion.falseMergePairs)} | ${cell(b?.confusion.fp, r.confusion.fp)} | ${sens} | ${cell(b?.review, r.review)} | ${b ? `${b.ms.toFixed(0)} → ` : ''}${r.ms.toFixed(0)} ms |`;
  });
  return [
    `Before → after issue 14 (${baseline.source}; each time is its own run's on a shared machine — the same-run speed comparison is under Scale):`,
    '',
    '| dataset | false merges | FP records | sensitivity | review clusters | time |',
    '|---|---:|---:|---:|---:|---:|',
    ...lines,
  ].join('\n');
}
