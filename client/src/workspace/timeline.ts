import type { TimelineEvent, TimelineResponse } from '../../../server/api/types';
import { h } from '../dom';
import { STAGE_LABEL } from '../records';

/** One line of the record's history, in words. */
export function describeEvent(e: TimelineEvent): string {
  const stage = e.stage ? ` at ${STAGE_LABEL[e.stage].toLowerCase()}` : '';
  const reason = e.reason ? ` (${e.reason})` : '';
  switch (e.kind) {
    case 'imported':
      return `Imported ${e.detail ?? ''}`.trim();
    case 'vote':
      return `Voted ${e.decision}${stage}${reason}${e.text ? `; note: ${e.text}` : ''}`;
    case 'retract':
      return `Withdrew their vote${stage}`;
    case 'resolve':
      return `Resolved the conflict${stage}: ${e.decision}${reason}`;
    case 'dedup':
      return `Deduplication: ${e.detail ?? e.decision ?? ''}`;
    case 'retrieval':
      return `Full text ${e.detail ?? e.decision ?? ''}`;
    case 'label_added':
      return `Label “${e.label ?? ''}” put on${e.actionId ? ' (bulk action)' : ''}`;
    case 'label_removed':
      return `Label “${e.label ?? ''}” taken off${e.actionId ? ' (bulk action undone)' : ''}`;
    case 'removed':
      return `Removed before screening${reason} (bulk exclusion)`;
    case 'restored':
      return `Returned to screening (bulk exclusion undone)`;
    case 'note':
      return `Note: ${e.text ?? ''}`;
  }
}

/** The timeline as a list, oldest first; what blinding hides is said once, above it. */
export function timelineList(timeline: TimelineResponse): HTMLElement {
  return h(
    'div',
    {},
    timeline.hiddenStages.length > 0
      ? h(
          'p',
          { class: 'muted', role: 'note' },
          `Other members' votes at ${timeline.hiddenStages.map((s) => STAGE_LABEL[s].toLowerCase()).join(' and ')} are hidden while that stage is blind to you.`,
        )
      : null,
    h(
      'ol',
      { class: 'timeline', id: 'timeline' },
      ...timeline.events.map((e) =>
        h(
          'li',
          { 'data-kind': e.kind },
          h('time', { datetime: e.at }, e.at.replace('T', ' ').slice(0, 16)),
          ' ',
          h('strong', {}, e.user ? (e.user.username ?? `user ${e.user.id}`) : 'Sift'),
          ' ',
          h('span', { dir: 'auto' }, describeEvent(e)),
        ),
      ),
    ),
  );
}
