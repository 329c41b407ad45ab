import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { requireProjectExists } from '../db/repos/projects';
import { recordEventsOf } from '../db/repos/record-events';
import { notesOfRecords } from '../db/repos/record-notes';
import {
  clusterMemberIds,
  dedupDecisionsOf,
  retrievalOf,
  screeningEventsOf,
} from '../db/repos/record-timeline';
import { getRecord } from '../db/repos/records';
import type { Actor } from '../domain/auth/actor';
import { stageEventsView } from '../domain/records/views';
import { STAGES, type Stage } from '../domain/screening/types';
import { visibleNotes } from './records';
import { visibilityFor } from './visibility';

const who = (id: number | null, username: string | null): Api.TimelineEvent['user'] =>
  id === null ? null : { id, username };

const DEDUP_WORDS: Record<string, string> = {
  'auto-merge': 'merged automatically',
  merge: 'merged',
  'not-duplicate': 'kept apart (not duplicates)',
  undo: 'undone',
};

/**
 * Everything that happened to a record, oldest first, each with who and when: its import,
 * votes, retractions and resolutions at both stages, deduplication decisions on its clusters,
 * its full-text retrieval, labels put on and taken off, its removal before screening and
 * restoration (bulk actions name their action), and team notes.
 *
 * Filtered by the visibility policy: the caller's own votes always; the others' votes and the
 * owner's resolutions at a stage only once that stage is open to them (a blinded reviewer sees
 * only their own); retrieval once title/abstract is (it tells the record was included there);
 * others' notes as the record page shows them. Deduplication, labels and removals before
 * screening are no one's screening judgement and are shown to every member.
 */
export function recordTimeline(
  db: Db,
  projectId: number,
  actor: Actor,
  recordId: number,
): Api.TimelineResponse {
  requireProjectExists(db, projectId);
  const record = getRecord(db, projectId, recordId);
  const vis = visibilityFor(db, projectId, actor);
  const open = new Map<Stage, boolean>(STAGES.map((s) => [s, vis.may(stageEventsView(s))]));
  const events: (Api.TimelineEvent & { order: number })[] = [];
  let order = 0;
  const push = (event: Api.TimelineEvent) => events.push({ ...event, order: order++ });

  push({
    at: record.createdAt,
    kind: 'imported',
    user: null,
    detail: `from ${record.source.name}${record.source.fileName ? ` (${record.source.fileName})` : ''}`,
  });
  for (const e of screeningEventsOf(db, projectId, recordId)) {
    const own = e.userId === actor.userId && e.kind !== 'resolve';
    if (!own && !open.get(e.stage)) continue;
    push({
      at: e.at,
      kind: e.kind,
      user: who(e.userId, e.username),
      stage: e.stage,
      ...(e.decision ? { decision: e.decision } : {}),
      ...(e.kind !== 'retract' ? { reason: e.reason } : {}),
      ...(e.kind === 'vote' ? { text: e.note } : {}),
    });
  }
  for (const d of dedupDecisionsOf(db, projectId, recordId)) {
    const members = clusterMemberIds(db, d.clusterId);
    push({
      at: d.at,
      kind: 'dedup',
      user: who(d.userId, d.username),
      decision: d.decision,
      detail: `cluster ${d.clusterId} ${DEDUP_WORDS[d.decision] ?? d.decision}${
        d.primaryRecordId !== null ? `, kept record ${d.primaryRecordId}` : ''
      } (records ${members.join(', ')})`,
    });
  }
  const retrieval = retrievalOf(db, projectId, recordId);
  if (retrieval && vis.may({ kind: 'stage-records', stage: 'full_text' })) {
    push({
      at: retrieval.at,
      kind: 'retrieval',
      user: who(retrieval.userId, retrieval.username),
      decision: retrieval.status,
      detail:
        retrieval.status === 'not_retrievable'
          ? 'marked not retrievable'
          : retrieval.pdf
            ? 'PDF uploaded'
            : 'linked',
    });
  }
  for (const e of recordEventsOf(db, projectId, recordId)) {
    push({
      at: e.createdAt,
      kind: e.kind,
      user: who(e.userId, e.username),
      ...(e.labelName !== null ? { label: e.labelName } : {}),
      ...(e.reason !== null ? { reason: e.reason } : {}),
      actionId: e.actionId,
    });
  }
  for (const note of visibleNotes(vis, notesOfRecords(db, projectId, [recordId]).get(recordId) ?? [])) {
    push({ at: note.createdAt, kind: 'note', user: who(note.userId, note.username), text: note.text });
  }
  // By time; what happened at the same instant keeps the order it was read in.
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order));
  return {
    recordId,
    events: events.map(({ order: _order, ...event }) => event),
    hiddenStages: STAGES.filter((s) => !open.get(s)),
  };
}
