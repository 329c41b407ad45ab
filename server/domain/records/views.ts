import type { View } from '../auth/visibility';
import type { Stage } from '../screening/types';
import type { RecordFilter } from './filter';

/**
 * What the records workspace shows is decided by the one visibility policy
 * (domain/auth/visibility.ts); these are the views it asks for.
 */

/**
 * Outcomes at both screening stages (status, stage, reason): the views a record's final
 * status is computed from. A status shown or filtered on needs both stages open to the caller.
 */
export const OUTCOMES_VIEW: View = { kind: 'team-work', stage: 'full_text' };

/**
 * What each filter lets the caller learn, as views of the visibility policy: a filter is a
 * question about the records, and its answer (which records, how many) must not tell a blinded
 * member what others decided. Word, bibliographic and label filters ask nothing of anyone's
 * judgement; "duplicate" is deduplication's (shown to everyone); the caller's own vote is their
 * own work; every other status, the stage, the exclusion reason and conflicts are computed from
 * the team's votes at both stages.
 */
export function viewsNeeded(filter: RecordFilter): View[] {
  const views: View[] = [];
  const statuses = filter.statuses ?? [];
  if (statuses.some((s) => s !== 'duplicate') || filter.stage !== undefined || filter.reason !== undefined)
    views.push(OUTCOMES_VIEW);
  if (filter.conflict !== undefined) views.push({ kind: 'team-work', stage: filter.conflict });
  if (filter.myVote !== undefined) views.push({ kind: 'own-work', stage: filter.myVote.stage });
  return views;
}

/**
 * Team notes of other members: a note is a judgement in words ("exclude: wrong population"),
 * so others' notes are shown once both screening stages are open to the member, like the
 * outcomes; the caller's own notes always. (Coding has its own notes on excerpts.)
 */
export const TEAM_NOTES_VIEW: View = OUTCOMES_VIEW;

/** Others' votes, retractions and resolutions at a stage (the timeline shows the caller's own always). */
export function stageEventsView(stage: Stage): View {
  return { kind: 'team-work', stage };
}
