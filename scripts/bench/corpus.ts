/**
 * Where the benchmarks find ../shared/corpus (the exports and labelled sets other people made;
 * docs/benchmarks.md): SIFT_CORPUS if set, else beside the checkout (/work/main → /work/shared),
 * else two levels up from a git worktree. A bench whose files are absent says so and skips.
 */
import fs from 'node:fs';
import path from 'node:path';

const CANDIDATES = [
  path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus'),
  path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus'),
];

export const CORPUS =
  process.env.SIFT_CORPUS ?? CANDIDATES.find((dir) => fs.existsSync(dir)) ?? CANDIDATES[0]!;

/** Well-formed RIS exports of several tools (Zotero, Scopus, EndNote, WoS, a hand-made set): bench:import and bench:records repeat them to 100,000 records. */
export const RIS_SEEDS = [
  'formats/asysd-tests/spaniels/zotero_export.ris',
  'formats/asreview-citation-file-formatting/RIS/_baseline.ris',
  'formats/asreview-tests/baseline_zotero.ris',
  'formats/litsearchr-borealis/scopus.ris',
  'formats/asysd-tests/ris_export_endnote.txt',
  'formats/asysd-tests/wos_test.ris',
  'microcredentials/microcredentials.ris',
];
