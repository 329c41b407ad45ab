import type { Stage } from '../screening/types';
import type { RecordStatus } from './filter';

/** A final decision at one stage; `outcome` is null while votes are missing or in conflict. */
export interface StageOutcomeFacts {
  outcome: 'include' | 'exclude' | null;
  reason: string | null;
}

/** What the review has done with one record, as stored (the same facts PRISMA counts). */
export interface RecordFacts {
  duplicateOf: number | null;
  /** Removed before screening by a bulk exclusion, with its reason. */
  removal: { reason: string } | null;
  titleAbstract: StageOutcomeFacts | null;
  retrieval: 'retrieved' | 'not_retrievable' | null;
  fullText: StageOutcomeFacts | null;
}

export interface FinalStatus {
  status: RecordStatus;
  /** Where the record is now or where it ended; null for a duplicate or a record removed before screening. */
  stage: Stage | null;
  /** Why it was excluded (the stage's reason or the removal's); null otherwise. */
  reason: string | null;
}

/**
 * Where a record ended up: the path of docs/notes/prisma.md ("every record ends in one box"),
 * told record by record. A duplicate stops at deduplication; a removed record before
 * screening; then title/abstract decides, then retrieval, then full text.
 * server/db/repos/record-query.ts filters by the same rule in SQL (a test holds them together).
 */
export function finalStatus(facts: RecordFacts): FinalStatus {
  if (facts.duplicateOf !== null) return { status: 'duplicate', stage: null, reason: null };
  if (facts.removal) return { status: 'excluded', stage: null, reason: facts.removal.reason };
  const ta = facts.titleAbstract?.outcome ?? null;
  if (ta === 'exclude')
    return { status: 'excluded', stage: 'title_abstract', reason: facts.titleAbstract?.reason ?? null };
  if (ta !== 'include') return { status: 'pending', stage: 'title_abstract', reason: null };
  if (facts.retrieval === 'not_retrievable')
    return { status: 'not_retrieved', stage: 'full_text', reason: null };
  const ft = facts.fullText?.outcome ?? null;
  if (ft === 'include') return { status: 'included', stage: 'full_text', reason: null };
  if (ft === 'exclude')
    return { status: 'excluded', stage: 'full_text', reason: facts.fullText?.reason ?? null };
  return { status: 'pending', stage: 'full_text', reason: null };
}
