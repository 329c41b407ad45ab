/** Deduplication: normalise → block → compare with rules → cluster → merged view. */
export {
  planDeduplication,
  type DedupGroup,
  type DedupOptions,
  type DedupPlan,
  type EvidencePair,
} from './engine';
export { choosePrimary, completeness, mergedView, type MergedView } from './merge';
export { classifyPair, compareFields, overallScore } from './rules';
export { featuresOf, type MatchFeatures } from './features';
export type { DedupRecord, FieldSimilarities, PairOutcome, PairVerdict } from './types';
