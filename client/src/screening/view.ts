import type { Progress, QueueResponse, Stage, VoteDecision } from '../../../server/api/types';
import { h, mount } from '../dom';
import { statusLine } from '../layout';
import { STAGE_LABEL } from '../records';
import { shortcutHelp } from './help';
import { reasonPicker, type ReasonPicker } from './reason-picker';
import { endOfQueue, recordView, type RecordViewContext } from './record-view';
import { currentItem, type ScreeningSession } from './session';

/** What the screening page's buttons ask for; the page carries them out. */
export interface ScreeningActions {
  decide(decision: VoteDecision): void;
  undo(): void;
  move(step: -1 | 1): void;
}

/** The screening page's DOM: built once, then redrawn from the session by `show`. */
export interface ScreeningView {
  status: HTMLParagraphElement;
  reason: ReasonPicker;
  note: HTMLTextAreaElement;
  help: { dialog: HTMLDialogElement; toggle: () => void };
  /** Draws the record at the cursor (or the end of the queue) and the position line. */
  show(session: ScreeningSession): void;
  showProgress(progress: Progress, remaining: number): void;
}

export function screeningView(
  content: HTMLElement,
  settings: QueueResponse,
  context: RecordViewContext,
  act: ScreeningActions,
): ScreeningView {
  const status = statusLine();
  const recordBox = h('div', { id: 'record', 'aria-live': 'off' });
  const position = h('p', { class: 'muted', id: 'position' });
  const progressBar = h('progress', { max: 1, value: 0, 'aria-label': 'Your screening progress' });
  const progressText = h('p', { id: 'progress-text' });
  const reason = reasonPicker(settings.exclusionReasons, settings.reasonRequired);
  const note = h('textarea', { id: 'note', name: 'note', maxlength: 5000, rows: 2 });
  const help = shortcutHelp();

  const button = (label: string, key: string, cls: string, action: () => void) =>
    h(
      'button',
      { type: 'button', class: cls, 'aria-keyshortcuts': key, onclick: action },
      `${label} `,
      h('kbd', {}, key),
    );
  const actions = h(
    'div',
    { class: 'actions', role: 'group', 'aria-label': 'Decision' },
    button('Include', 'I', 'include', () => act.decide('include')),
    button('Maybe', 'M', 'maybe', () => act.decide('maybe')),
    button('Exclude', 'E', 'exclude', () => act.decide('exclude')),
    button('Undo', 'U', '', () => act.undo()),
  );
  const nav = h(
    'div',
    { class: 'actions', role: 'group', 'aria-label': 'Move between records' },
    h(
      'button',
      { type: 'button', 'aria-keyshortcuts': 'ArrowLeft', onclick: () => act.move(-1) },
      '← Previous',
    ),
    h('button', { type: 'button', 'aria-keyshortcuts': 'ArrowRight', onclick: () => act.move(1) }, 'Next →'),
    h(
      'button',
      { type: 'button', class: 'link', 'aria-keyshortcuts': '?', onclick: () => help.toggle() },
      'Keyboard shortcuts (?)',
    ),
  );

  mount(
    content,
    h('h1', {}, `Screening: ${STAGE_LABEL[context.stage]}`),
    stageSwitch(context.projectId, context.stage),
    h(
      'div',
      { class: 'screening' },
      h(
        'section',
        { class: 'card', 'aria-label': 'Record' },
        recordBox,
        actions,
        h(
          'label',
          { for: 'reason' },
          settings.reasonRequired ? 'Exclusion reason (required)' : 'Exclusion reason (optional)',
        ),
        reason.select,
        reason.other,
        h('label', { for: 'note' }, 'Note ', h('kbd', {}, 'N')),
        note,
        nav,
        status,
      ),
      criteriaPanel(settings, h('h2', {}, 'Progress'), progressBar, progressText, position),
    ),
    help.dialog,
  );

  return {
    status,
    reason,
    note,
    help,
    show(session) {
      const record = currentItem(session);
      const { items, cursor } = session;
      position.textContent = items.length
        ? `Record ${Math.min(cursor + 1, items.length)} of ${items.length} loaded`
        : '';
      for (const b of actions.querySelectorAll('button'))
        b.disabled = !record && b.textContent?.startsWith('Undo') !== true;
      if (!record) {
        mount(recordBox, ...endOfQueue(context.projectId, session.remaining));
        return;
      }
      mount(recordBox, ...recordView(record, context));
      note.value = record.myVote?.note ?? '';
      reason.show(record.myVote?.reason);
    },
    showProgress(progress, remaining) {
      const mineDone = progress.me?.votes ?? 0;
      progressBar.max = Math.max(1, mineDone + remaining);
      progressBar.value = mineDone;
      const team =
        progress.visibility === 'closed'
          ? 'closed'
          : progress.visibility === 'blinded'
            ? `${progress.counts.total} records (blind mode)`
            : `${progress.counts.complete} of ${progress.counts.total} records complete`;
      progressText.textContent = `${mineDone} decided by you · ${remaining} left in your queue · ${team}`;
    },
  };
}

function stageSwitch(projectId: number, stage: Stage): HTMLElement {
  return h(
    'p',
    { class: 'stage-switch' },
    h(
      'a',
      {
        href: `#/projects/${projectId}/screening/title_abstract`,
        'aria-current': stage === 'title_abstract' ? 'page' : null,
      },
      'Title/abstract',
    ),
    ' · ',
    h(
      'a',
      {
        href: `#/projects/${projectId}/screening/full_text`,
        'aria-current': stage === 'full_text' ? 'page' : null,
      },
      'Full-text eligibility',
    ),
  );
}

/** The eligibility criteria beside every record, the highlighting legend, then the progress elements given. */
function criteriaPanel(settings: QueueResponse, ...progress: HTMLElement[]): HTMLElement {
  const keywords = settings.highlightKeywords;
  return h(
    'aside',
    { class: 'card', 'aria-labelledby': 'criteria-title' },
    h('h2', { id: 'criteria-title' }, 'Eligibility criteria'),
    settings.eligibilityCriteria.trim()
      ? h('div', { class: 'criteria', dir: 'auto' }, settings.eligibilityCriteria)
      : h('p', { class: 'muted' }, 'The owner has not written criteria yet.'),
    keywords.include.length + keywords.exclude.length > 0
      ? h(
          'p',
          { class: 'muted' },
          'Highlighted: ',
          h('mark', { class: 'kw-include' }, 'include words'),
          ' and ',
          h('mark', { class: 'kw-exclude' }, 'exclude words'),
          '.',
        )
      : null,
    ...progress,
  );
}
