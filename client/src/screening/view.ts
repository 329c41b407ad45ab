import type { Progress, QueueResponse, Stage, VoteDecision } from '../../../server/api/types';
import { h, mount } from '../dom';
import { statusLine } from '../layout';
import { STAGE_LABEL } from '../records';
import { fullTextPane } from './full-text-pane';
import { shortcutHelp } from './help';
import { reasonPicker, type ReasonPicker } from './reason-picker';
import { endOfQueue, recordView, type RecordViewContext } from './record-view';
import { currentItem, noteShown, type ScreeningSession } from './session';

/** What the screening page's buttons ask for; the page carries them out. */
export interface ScreeningActions {
  decide(decision: VoteDecision): void;
  undo(): void;
  move(step: -1 | 1): void;
}

/**
 * The screening page's DOM: built once, then redrawn from the session by `show`. The decision
 * bar (buttons, reason, what was said) stays in view below a long record; at full text the
 * record's PDF is beside it.
 */
export interface ScreeningView {
  /** Says what a decision did, in the decision bar. */
  status: HTMLParagraphElement;
  reason: ReasonPicker;
  note: HTMLTextAreaElement;
  help: { dialog: HTMLDialogElement; toggle: () => void };
  /** Puts keyboard focus on the record shown (where Esc returns). */
  focusRecord(): void;
  /** Draws the record at the cursor (or the end of the queue), its note and the position line. */
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
  const recordBox = h('div', { id: 'record', 'aria-live': 'off', tabindex: -1 });
  const position = h('p', { class: 'muted', id: 'position' });
  const progressBar = h('progress', { max: 1, value: 0, 'aria-label': 'Your screening progress' });
  const progressText = h('p', { id: 'progress-text' });
  const reason = reasonPicker(settings.exclusionReasons, settings.reasonRequired);
  const note = h('textarea', { id: 'note', name: 'note', maxlength: 5000, rows: 2 });
  const help = shortcutHelp();
  const focusRecord = () => recordBox.focus();
  help.dialog.addEventListener('close', focusRecord);
  const pdf = context.stage === 'full_text' ? fullTextPane(context.projectId, context.fullTexts) : null;

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
  const decisionBar = h(
    'div',
    { class: 'decision-bar', id: 'decision-bar' },
    actions,
    h(
      'div',
      { class: 'reason-field' },
      h(
        'label',
        { for: 'reason' },
        settings.reasonRequired ? 'Exclusion reason (required)' : 'Exclusion reason (optional)',
      ),
      reason.select,
      reason.other,
    ),
    status,
  );
  const quoteStatus = statusLine();
  const quote = pdf
    ? h(
        'p',
        { class: 'quote' },
        h(
          'button',
          { type: 'button', onclick: () => (quoteStatus.textContent = pdf.quoteInto(note)) },
          'Quote the PDF selection in the note',
        ),
        quoteStatus,
      )
    : null;
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
      { class: pdf ? 'screening with-pdf' : 'screening' },
      pdf?.element,
      h(
        'section',
        { class: 'card record-card', 'aria-label': 'Record' },
        recordBox,
        decisionBar,
        h('label', { for: 'note' }, 'Note ', h('kbd', {}, 'N')),
        note,
        quote,
        nav,
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
    focusRecord,
    show(session) {
      const record = currentItem(session);
      const { items, cursor } = session;
      position.textContent = items.length
        ? `Record ${Math.min(cursor + 1, items.length)} of ${items.length} loaded`
        : '';
      for (const b of actions.querySelectorAll('button'))
        b.disabled = !record && b.textContent?.startsWith('Undo') !== true;
      pdf?.show(record?.id ?? null);
      if (!record) {
        mount(recordBox, ...endOfQueue(context.projectId, session.remaining));
        return;
      }
      mount(recordBox, ...recordView(record, context));
      note.value = noteShown(session);
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
      ? // long criteria scroll inside their box, which keyboard users can then focus and scroll
        h(
          'div',
          {
            class: 'criteria',
            dir: 'auto',
            tabindex: 0,
            role: 'region',
            'aria-labelledby': 'criteria-title',
          },
          settings.eligibilityCriteria,
        )
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
