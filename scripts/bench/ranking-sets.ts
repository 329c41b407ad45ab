import { BENCH_DATASETS, type BenchDataset } from './ranking-datasets';

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
