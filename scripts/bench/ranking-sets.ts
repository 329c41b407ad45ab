import fs from 'node:fs';
import path from 'node:path';
import type { LabelledDataset } from '../../server/domain/ranking/simulate';
import { readLabelledCsv } from '../ranking/labelledCsv';
import { BENCH_DATASETS, SCREENING_CORPUS, type BenchDataset } from '../ranking/datasets';

/**
 * Where the labelled screening sets are: ../shared/corpus/screening beside the checkout, or
 * SIFT_SCREENING_CORPUS (a git worktree elsewhere has no ../shared beside it).
 */
export const CORPUS = process.env.SIFT_SCREENING_CORPUS ?? SCREENING_CORPUS;

/**
 * Every labelled set the ranking benches use: the six ASReview SRD files (Nagtegaal 2019 as
 * published, Kitchenham 2010, Cohen's ADHD, Antihistamines, Estrogens and NSAIDS) and the
 * Ferdinands et al. "nudging" set (Nagtegaal without missing and repeated abstracts), the one
 * with published figures.
 */
export const RANKING_SETS: BenchDataset[] = [
  ...BENCH_DATASETS,
  { name: 'Nagtegaal 2019 (SRD file as is)', file: 'asreview-srd/Nagtegaal_2019.csv' },
];

/** Loads a set from the corpus, or null when the corpus is not there. */
export function loadRankingSet(d: BenchDataset): LabelledDataset | null {
  const file = path.join(CORPUS, d.file);
  if (!fs.existsSync(file)) return null;
  const data = readLabelledCsv(file);
  return d.prepare ? d.prepare(data) : data;
}
