import type { RankDocument } from './document';
import type { RankerConfig } from './ranker';
import { hstack, type SparseMatrix } from './sparse';
import { tfidfSteps } from './tfidf';

/**
 * The feature matrix a ranking configuration reads: its TF-IDF, and beside it naive Bayes'
 * own TF-IDF when an ensemble gives naive Bayes other features (`nbTfidf`). Yields between
 * chunks of records like tfidfSteps(), so a server can build it between requests.
 */
export function* featureSteps(
  docs: readonly RankDocument[],
  config: RankerConfig,
): Generator<void, SparseMatrix, void> {
  const first = (yield* tfidfSteps(docs, config.tfidf)).matrix;
  if (!config.nbTfidf) return first;
  const second = (yield* tfidfSteps(docs, config.nbTfidf)).matrix;
  return hstack(first, second);
}

/** featureSteps() in one go. */
export function buildFeatures(docs: readonly RankDocument[], config: RankerConfig): SparseMatrix {
  const steps = featureSteps(docs, config);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** A key that changes whenever the features a configuration reads change. */
export function featureKey(config: RankerConfig): string {
  return JSON.stringify([config.tfidf, config.nbTfidf ?? null]);
}
