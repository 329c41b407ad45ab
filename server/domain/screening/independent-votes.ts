import { foldEvents } from './state';
import type { ScreeningEvent, Vote } from './types';

/**
 * Which vote of each reviewer agreement is computed from. "first": the first vote a reviewer
 * cast on the record, before discussion and (in a blind stage) before they could see anyone
 * else's: the independent judgement agreement statistics are meant to measure. "latest": the
 * vote standing now, after any change of mind, which a discussion tends to turn into agreement.
 */
export const VOTE_SELECTIONS = ['first', 'latest'] as const;
export type VoteSelection = (typeof VOTE_SELECTIONS)[number];

export interface RecordVotes {
  recordId: number;
  /** One vote per reviewer, in the order the reviewers first voted on the record. */
  votes: { userId: number; decision: Vote }[];
}

/**
 * The votes of one record at one stage for agreement, from its events (oldest first). Only
 * reviewers who still have a vote on the record count (a withdrawn vote is no judgement); each
 * is represented by their first vote or their latest one.
 */
export function votesForAgreement(
  events: readonly ScreeningEvent[],
  selection: VoteSelection,
): RecordVotes['votes'] {
  const standing = foldEvents(events).votes;
  if (selection === 'latest') return standing.map((v) => ({ userId: v.userId, decision: v.decision }));
  const voting = new Set(standing.map((v) => v.userId));
  const first = new Map<number, Vote>();
  for (const event of events) {
    if (event.kind === 'vote' && voting.has(event.userId) && !first.has(event.userId))
      first.set(event.userId, event.decision);
  }
  return [...first].map(([userId, decision]) => ({ userId, decision }));
}

/** votesForAgreement for every record of a stage, in record id order; records nobody has a vote on are left out. */
export function stageVotesForAgreement(
  eventsByRecord: ReadonlyMap<number, readonly ScreeningEvent[]>,
  selection: VoteSelection,
): RecordVotes[] {
  return [...eventsByRecord]
    .sort(([a], [b]) => a - b)
    .map(([recordId, events]) => ({ recordId, votes: votesForAgreement(events, selection) }))
    .filter((r) => r.votes.length > 0);
}
