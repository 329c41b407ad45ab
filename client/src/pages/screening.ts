import { api, ApiError, optional } from '../api';
import { h, mount } from '../dom';
import { frame, statusLine } from '../layout';
import { loadProject } from '../project';
import { isStage, recordDetails, safeUrl, STAGE_LABEL, type Stage } from '../records';
import { navigate } from '../router';
import type { Progress, QueueResponse, ScreeningRecord, Vote } from '../screening-api';

interface Report {
  recordId: number;
  hasPdf: boolean;
  url: string | null;
}

const SHORTCUTS: [keys: string, what: string][] = [
  ['I', 'Include'],
  ['E', 'Exclude (with the reason chosen)'],
  ['M', 'Maybe'],
  ['U', 'Undo your last decision'],
  ['N', 'Write a note (Esc returns)'],
  ['1–9', 'Choose an exclusion reason'],
  ['← / →', 'Previous / next record'],
  ['?', 'This help'],
];

const LABEL: Record<Vote['decision'], string> = { include: 'Included', exclude: 'Excluded', maybe: 'Maybe' };

/**
 * One record at a time, driven by the keyboard. The list holds the reviewer's own open votes
 * (oldest first, so ← walks back through them) followed by their queue; votes can be changed
 * until the record is resolved.
 */
export async function screeningPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const stage: Stage = isStage(params.stage) ? params.stage : 'title_abstract';
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const base = `/api/projects/${projectId}/screening/${stage}`;
  const [first, mine, reports] = await Promise.all([
    api.get<QueueResponse>(`${base}/queue?limit=30`),
    api.get<{ records: ScreeningRecord[] }>(`${base}/mine`),
    stage === 'full_text' ? optional(api.get<{ reports: Report[] }>(`/api/projects/${projectId}/fulltext`)) : Promise.resolve(null),
  ]);
  const fullTexts = new Map((reports?.reports ?? []).map((r) => [r.recordId, r]));
  const items: ScreeningRecord[] = [...mine.records.reverse(), ...first.records];
  let cursor = mine.records.length;
  let remaining = first.remaining;
  const undoStack: number[] = [];
  const settings = first;
  const keywords = settings.highlightKeywords;

  const status = statusLine();
  const recordBox = h('div', { id: 'record', 'aria-live': 'off' });
  const position = h('p', { class: 'muted', id: 'position' });
  const progressBar = h('progress', { max: 1, value: 0, 'aria-label': 'Your screening progress' });
  const progressText = h('p', { id: 'progress-text' });

  const reasonSelect = h(
    'select',
    { id: 'reason', name: 'reason' },
    h('option', { value: '' }, settings.reasonRequired ? 'Choose a reason…' : 'No reason'),
    ...settings.exclusionReasons.map((r, i) => h('option', { value: r }, i < 9 ? `${i + 1}. ${r}` : r)),
    h('option', { value: '__other' }, 'Other (type it)…'),
  );
  const otherReason = h('input', { id: 'other-reason', name: 'otherReason', maxlength: 500, hidden: true, 'aria-label': 'Other exclusion reason' });
  reasonSelect.addEventListener('change', () => {
    otherReason.hidden = reasonSelect.value !== '__other';
    if (!otherReason.hidden) otherReason.focus();
  });
  const note = h('textarea', { id: 'note', name: 'note', maxlength: 5000, rows: 2 });

  const button = (label: string, key: string, cls: string, action: () => void) =>
    h('button', { type: 'button', class: cls, 'aria-keyshortcuts': key, onclick: action }, `${label} `, h('kbd', {}, key));
  const actions = h(
    'div',
    { class: 'actions', role: 'group', 'aria-label': 'Decision' },
    button('Include', 'I', 'include', () => void decide('include')),
    button('Maybe', 'M', 'maybe', () => void decide('maybe')),
    button('Exclude', 'E', 'exclude', () => void decide('exclude')),
    button('Undo', 'U', '', () => void undo()),
  );
  const nav = h(
    'div',
    { class: 'actions', role: 'group', 'aria-label': 'Move between records' },
    h('button', { type: 'button', 'aria-keyshortcuts': 'ArrowLeft', onclick: () => move(-1) }, '← Previous'),
    h('button', { type: 'button', 'aria-keyshortcuts': 'ArrowRight', onclick: () => void move(1) }, 'Next →'),
    h('button', { type: 'button', class: 'link', 'aria-keyshortcuts': '?', onclick: () => toggleHelp() }, 'Keyboard shortcuts (?)'),
  );

  const help = h(
    'dialog',
    { id: 'help', 'aria-labelledby': 'help-title' },
    h('h2', { id: 'help-title' }, 'Keyboard shortcuts'),
    h('table', {}, h('tbody', {}, ...SHORTCUTS.map(([k, w]) => h('tr', {}, h('th', { scope: 'row' }, h('kbd', {}, k)), h('td', {}, w))))),
    h('form', { method: 'dialog' }, h('button', { type: 'submit', class: 'primary' }, 'Close')),
  );
  const toggleHelp = () => (help.open ? help.close() : help.showModal());

  const criteria = h(
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
    h('h2', {}, 'Progress'),
    progressBar,
    progressText,
    position,
  );

  mount(
    content,
    h('h1', {}, `Screening: ${STAGE_LABEL[stage]}`),
    h(
      'p',
      { class: 'stage-switch' },
      h('a', { href: `#/projects/${projectId}/screening/title_abstract`, 'aria-current': stage === 'title_abstract' ? 'page' : null }, 'Title/abstract'),
      ' · ',
      h('a', { href: `#/projects/${projectId}/screening/full_text`, 'aria-current': stage === 'full_text' ? 'page' : null }, 'Full-text eligibility'),
    ),
    h(
      'div',
      { class: 'screening' },
      h(
        'section',
        { class: 'card', 'aria-label': 'Record' },
        recordBox,
        actions,
        h('label', { for: 'reason' }, settings.reasonRequired ? 'Exclusion reason (required)' : 'Exclusion reason (optional)'),
        reasonSelect,
        otherReason,
        h('label', { for: 'note' }, 'Note ', h('kbd', {}, 'N')),
        note,
        nav,
        status,
      ),
      criteria,
    ),
    help,
  );

  function current(): ScreeningRecord | undefined {
    return items[cursor];
  }

  function chosenReason(): string | null {
    if (reasonSelect.value === '__other') return otherReason.value.trim() || null;
    return reasonSelect.value || null;
  }

  function show(): void {
    const record = current();
    position.textContent = items.length ? `Record ${Math.min(cursor + 1, items.length)} of ${items.length} loaded` : '';
    for (const b of actions.querySelectorAll('button')) b.disabled = !record && b.textContent?.startsWith('Undo') !== true;
    if (!record) {
      mount(
        recordBox,
        h('h2', { class: 'record-title' }, remaining === 0 ? 'Your queue is empty' : 'No more records loaded'),
        h('p', {}, remaining === 0 ? 'Every record at this stage has your vote or enough votes. ' : '', h('a', { href: `#/projects/${projectId}` }, 'Back to the dashboard')),
      );
      return;
    }
    const vote = record.myVote;
    const relevance = record.relevance ?? record.score;
    const report = fullTexts.get(record.id);
    const pdf = report?.hasPdf ? `/api/projects/${projectId}/fulltext/${record.id}/pdf` : null;
    const link = safeUrl(report?.url);
    mount(
      recordBox,
      vote
        ? h('p', { class: `badge ${vote.decision}`, id: 'my-vote' }, `Your vote: ${LABEL[vote.decision]}${vote.reason ? ` — ${vote.reason}` : ''}`)
        : null,
      typeof relevance === 'number'
        ? h('p', { class: 'badge', id: 'relevance', title: 'Predicted by the prioritisation model from the decisions so far' }, `Predicted relevance: ${Math.round(relevance * 100)} %`)
        : settings.prioritised && !vote
          ? h('p', { class: 'badge', id: 'relevance' }, 'Prioritised: no model yet (keyword order)')
          : null,
      recordDetails(record, keywords),
      stage === 'full_text'
        ? h(
            'p',
            { class: 'actions' },
            pdf ? h('a', { class: 'button', href: pdf, target: '_blank', rel: 'noopener' }, 'Open the PDF') : null,
            link ? h('a', { class: 'button', href: link, target: '_blank', rel: 'noopener noreferrer' }, 'Open the full-text link') : null,
            !pdf && !link ? h('span', { class: 'muted' }, 'No full text attached.') : null,
          )
        : null,
    );
    note.value = vote?.note ?? '';
    if (vote?.reason && settings.exclusionReasons.includes(vote.reason)) {
      reasonSelect.value = vote.reason;
      otherReason.hidden = true;
    } else if (vote?.reason) {
      reasonSelect.value = '__other';
      otherReason.hidden = false;
      otherReason.value = vote.reason;
    } else {
      reasonSelect.value = '';
      otherReason.hidden = true;
      otherReason.value = '';
    }
  }

  async function refreshProgress(): Promise<void> {
    const p = await api.get<Progress>(`${base}/progress`);
    const mineDone = p.me?.votes ?? 0;
    remaining = p.me?.remaining ?? remaining;
    progressBar.max = Math.max(1, mineDone + remaining);
    progressBar.value = mineDone;
    const team = p.counts.complete === undefined ? `${p.counts.total} records (blind mode)` : `${p.counts.complete} of ${p.counts.total} records complete`;
    progressText.textContent = `${mineDone} decided by you · ${remaining} left in your queue · ${team}`;
  }

  async function topUp(): Promise<void> {
    const ahead = items.slice(cursor).filter((r) => !r.myVote).length;
    if (ahead >= 5 || remaining <= ahead) return;
    const next = await api.get<QueueResponse>(`${base}/queue?limit=30`);
    const known = new Set(items.map((r) => r.id));
    items.push(...next.records.filter((r) => !known.has(r.id)));
    remaining = next.remaining;
  }

  async function decide(decision: Vote['decision']): Promise<void> {
    const record = current();
    if (!record) return;
    const reason = decision === 'exclude' ? chosenReason() : null;
    if (decision === 'exclude' && settings.reasonRequired && !reason) {
      status.textContent = 'Choose an exclusion reason first (keys 1–9, or the list), then press E.';
      status.classList.add('error');
      reasonSelect.focus();
      return;
    }
    status.classList.remove('error');
    try {
      const result = await api.post<{ vote: Vote }>(`${base}/decisions`, {
        recordId: record.id,
        stage,
        decision,
        reason,
        note: note.value.trim() || null,
      });
      record.myVote = result.vote;
      undoStack.push(record.id);
      status.textContent = `${LABEL[decision]}: ${record.title ?? `record ${record.id}`}`;
      await topUp();
      const next = items.findIndex((r, i) => i > cursor && !r.myVote);
      cursor = next === -1 ? items.length : next;
      show();
      await refreshProgress();
    } catch (error) {
      fail(error);
    }
  }

  async function undo(): Promise<void> {
    const record = current();
    const id = undoStack.pop() ?? (record?.myVote ? record.id : undefined);
    if (id === undefined) {
      status.textContent = 'Nothing to undo.';
      return;
    }
    try {
      await api.delete(`${base}/decisions/${id}`);
      const index = items.findIndex((r) => r.id === id);
      const target = items[index];
      if (target) target.myVote = null;
      cursor = index === -1 ? cursor : index;
      status.textContent = `Undone: ${target?.title ?? `record ${id}`}`;
      show();
      await refreshProgress();
    } catch (error) {
      fail(error);
    }
  }

  async function move(step: number): Promise<void> {
    if (step > 0 && cursor >= items.length - 1) await topUp();
    cursor = Math.min(Math.max(0, cursor + step), items.length);
    show();
  }

  function fail(error: unknown): void {
    status.classList.add('error');
    status.textContent = error instanceof ApiError ? error.message : 'The decision was not saved.';
    if (error instanceof ApiError && error.status === 401) navigate('/login');
  }

  const onKey = (event: KeyboardEvent) => {
    if (!content.isConnected) {
      document.removeEventListener('keydown', onKey);
      return;
    }
    const target = event.target as HTMLElement;
    const typing = target.matches('input, textarea, select') && !target.matches('input[type=checkbox], input[type=radio]');
    if (typing) {
      if (event.key === 'Escape') {
        target.blur();
        event.preventDefault();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || help.open) return;
    const key = event.key;
    if (key === 'i' || key === 'I') void decide('include');
    else if (key === 'e' || key === 'E') void decide('exclude');
    else if (key === 'm' || key === 'M') void decide('maybe');
    else if (key === 'u' || key === 'U') void undo();
    else if (key === 'n' || key === 'N') note.focus();
    else if (key === 'ArrowLeft') void move(-1);
    else if (key === 'ArrowRight') void move(1);
    else if (key === '?') toggleHelp();
    else if (/^[1-9]$/.test(key) && settings.exclusionReasons[Number(key) - 1] !== undefined) {
      reasonSelect.value = settings.exclusionReasons[Number(key) - 1] ?? '';
      otherReason.hidden = true;
      status.textContent = `Reason: ${reasonSelect.value}`;
    } else return;
    event.preventDefault();
  };
  document.addEventListener('keydown', onKey);
  show();
  await refreshProgress();
}
