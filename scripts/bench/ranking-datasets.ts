import fs from 'node:fs';
import path from 'node:path';
import type { LabelledDataset } from '../../server/domain/ranking/simulate';
import { readLabelledCsv } from '../../server/cli/read-labelled-csv';

/**
 * Where the labelled screening sets are: ../shared/corpus/screening beside the checkout, or
 * SIFT_SCREENING_CORPUS (a git worktree elsewhere has no ../shared beside it).
 */
export const SCREENING_CORPUS =
  process.env.SIFT_SCREENING_CORPUS ?? path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'screening');

export interface BenchDataset {
  name: string;
  file: string;
  /** ASReview's published NB + TF-IDF means over 15 runs (Ferdinands et al. 2023), where they exist. */
  published?: { wss95: number; rrf10: number; atd: number };
  prepare?: (d: LabelledDataset) => LabelledDataset;
}

/**
 * The "nudging" set of Ferdinands et al.: Nagtegaal 2019 without records whose abstract is
 * missing and without repeated abstracts (first kept), 1,847 records with 100 inclusions.
 */
export function nudgingSet(d: LabelledDataset): LabelledDataset {
  const seen = new Set<string>();
  const out: LabelledDataset = { docs: [], labels: [] };
  d.docs.forEach((doc, i) => {
    const a = doc.abstract?.trim();
    if (!a || a === 'NA' || seen.has(a)) return;
    seen.add(a);
    out.docs.push(doc);
    out.labels.push(d.labels[i] as 0 | 1);
  });
  return out;
}

export const BENCH_DATASETS: BenchDataset[] = [
  {
    name: 'nudging (Nagtegaal 2019)',
    file: 'asreview-srd/Nagtegaal_2019.csv',
    published: { wss95: 71.7, rrf10: 65.3, atd: 9.4 },
    prepare: nudgingSet,
  },
  { name: 'software (Kitchenham 2010)', file: 'asreview-srd/Kitchenham_2010.csv' },
  { name: 'Cohen ADHD', file: 'asreview-srd/Cohen_2006/ADHD.csv' },
  { name: 'Cohen Antihistamines', file: 'asreview-srd/Cohen_2006/Antihistamines.csv' },
  { name: 'Cohen Estrogens', file: 'asreview-srd/Cohen_2006/Estrogens.csv' },
  { name: 'Cohen NSAIDS', file: 'asreview-srd/Cohen_2006/NSAIDS.csv' },
];

/** Loads a benchmark set from the shared corpus, or null when the corpus is not there. */
export function loadBenchDataset(d: BenchDataset): LabelledDataset | null {
  const file = path.join(SCREENING_CORPUS, d.file);
  if (!fs.existsSync(file)) return null;
  const data = readLabelledCsv(file);
  return d.prepare ? d.prepare(data) : data;
}
