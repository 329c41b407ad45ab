import type { HighlightKeywords, Stage, VoteDecision } from '../../../server/api/types';
import { h, type Child } from '../dom';
import { recordDetails, safeUrl } from '../records';
import type { FullTexts } from './full-text-pane';
import type { SessionItem } from './session';

export const DECISION_LABEL: Record<VoteDecision, string> = {
  include: 'Included',
  exclude: 'Excluded',
  maybe: 'Maybe',
};

/** What stays the same for every record of one screening visit. */
export interface RecordViewContext {
  projectId: number;
  stage: Stage;
  keywords: HighlightKeywords;
  prioritised: boolean;
  /** At full text: each report's PDF or link, by record id. */
  fullTexts: FullTexts;
}

/** The record shown: the reviewer's vote if any, its predicted relevance, the record, its full text. */
export function recordView(item: SessionItem, context: RecordViewContext): Child[] {
  const vote = item.myVote;
  return [
    vote
      ? h(
          'p',
          { class: `badge ${vote.decision}`, id: 'my-vote' },
          `Your vote: ${DECISION_LABEL[vote.decision]}${vote.reason ? ` — ${vote.reason}` : ''}`,
        )
      : null,
    relevanceBadge(item, context.prioritised),
    recordDetails(item, context.keywords),
    context.stage === 'full_text' ? fullTextLinks(item.id, context) : null,
  ];
}

/** Past the last record loaded: the queue is empty, or more are on their way. */
export function endOfQueue(projectId: number, remaining: number): Child[] {
  return [
    h('h2', { class: 'record-title' }, remaining === 0 ? 'Your queue is empty' : 'No more records loaded'),
    h(
      'p',
      {},
      remaining === 0 ? 'Every record at this stage has your vote or enough votes. ' : '',
      h('a', { href: `#/projects/${projectId}` }, 'Back to the dashboard'),
    ),
  ];
}

function relevanceBadge(item: SessionItem, prioritised: boolean): Child {
  const relevance = item.relevance;
  if (typeof relevance === 'number') {
    return h(
      'p',
      {
        class: 'badge',
        id: 'relevance',
        title: 'Predicted by the prioritisation model from the decisions so far',
      },
      `Predicted relevance: ${Math.round(relevance * 100)} %`,
    );
  }
  return prioritised && !item.myVote
    ? h('p', { class: 'badge', id: 'relevance' }, 'Prioritised: no model yet (keyword order)')
    : null;
}

/** A report's full-text link (its PDF is shown beside the record), or that there is no full text. */
function fullTextLinks(recordId: number, context: RecordViewContext): HTMLElement {
  const report = context.fullTexts.get(recordId);
  const link = safeUrl(report?.url);
  return h(
    'p',
    { class: 'actions' },
    link
      ? h(
          'a',
          { class: 'button', href: link, target: '_blank', rel: 'noopener noreferrer' },
          'Open the full-text link',
        )
      : null,
    !report?.hasPdf && !link ? h('span', { class: 'muted' }, 'No full text attached.') : null,
  );
}
