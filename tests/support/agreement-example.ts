import type { Vote } from '../../server/domain/screening/types';

/**
 * The worked example of docs/notes/screening.md ("Agreement: first votes and latest votes"):
 * twelve records, reviewer A votes first on each, then B; after discussion three votes
 * change. Used by the unit test (events folded by the domain) and the integration test
 * (votes cast through the service), which check the numbers computed by hand in the docs.
 */
export const FIRST_VOTES: readonly (readonly [a: Vote, b: Vote])[] = [
  ['include', 'include'],
  ['include', 'include'],
  ['include', 'exclude'],
  ['exclude', 'include'],
  ['maybe', 'exclude'],
  ['include', 'exclude'],
  ...Array.from({ length: 6 }, () => ['exclude', 'exclude'] as const),
];

/** The changes after discussion: [reviewer, record number (1-based), new vote]. */
export const CHANGED_VOTES: readonly (readonly ['A' | 'B', number, Vote])[] = [
  ['B', 3, 'include'],
  ['A', 4, 'include'],
  ['A', 5, 'exclude'],
];
