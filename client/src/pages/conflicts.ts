import type { Conflict, ConflictsResponse, ScreeningSettings, Stage } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { keepAt } from '../anchor';
import { h, mount } from '../dom';
import { frame, statusLine } from '../layout';
import { loadProject } from '../project';
import { isStage, recordDetails, STAGE_LABEL } from '../records';

/** The owner's list of disagreements at a stage, each settled with a decision (and, to exclude, a reason). */
export async function conflictsPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const stage: Stage = isStage(params.stage) ? params.stage : 'title_abstract';
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const base = `/api/projects/${projectId}`;
  if (project.role !== 'owner') {
    mount(content, h('h1', {}, 'Conflicts'), h('p', {}, 'Only the project owner resolves conflicts.'));
    return;
  }
  const [{ conflicts }, settings] = await Promise.all([
    api.get<ConflictsResponse>(`${base}/screening/${stage}/conflicts`),
    api.get<ScreeningSettings>(`${base}/settings`),
  ]);
  const reasons = settings.stages[stage].exclusionReasons;
  // A reason explains an exclusion (PRISMA reports them); including a record needs none.
  const reasonRequired = settings.stages[stage].reasonRequired;
  const count = h('p', { class: 'muted', id: 'conflict-count' });
  const showCount = (n: number) => (count.textContent = `${n} record(s) where the reviewers disagree.`);
  showCount(conflicts.length);
  const list = h('div', { id: 'conflict-list' });
  mount(
    content,
    h('h1', {}, `Conflicts: ${STAGE_LABEL[stage]}`),
    h(
      'p',
      { class: 'stage-switch' },
      h('a', { href: `#/projects/${projectId}/conflicts/title_abstract`, 'aria-current': stage === 'title_abstract' ? 'page' : null }, 'Title/abstract'),
      ' · ',
      h('a', { href: `#/projects/${projectId}/conflicts/full_text`, 'aria-current': stage === 'full_text' ? 'page' : null }, 'Full text'),
    ),
    count,
    list,
  );
  mount(list, ...(conflicts.length === 0 ? [h('p', {}, 'No conflicts waiting.')] : conflicts.map((c) => conflictCard(c))));

  function conflictCard(c: Conflict): HTMLElement {
    const id = `c${c.recordId}`;
    const reasonSelect = h(
      'select',
      { id: `${id}-reason`, name: 'reason' },
      h('option', { value: '' }, 'Choose a reason, or type one…'),
      ...reasons.map((r) => h('option', { value: r }, r)),
      h('option', { value: '__other' }, 'Other (type it)…'),
    );
    const other = h('input', { id: `${id}-other`, name: 'otherReason', maxlength: 500, placeholder: 'Reason', 'aria-label': 'Other reason' });
    const include = h('input', { type: 'radio', name: `${id}-decision`, id: `${id}-include`, value: 'include' });
    const exclude = h('input', { type: 'radio', name: `${id}-decision`, id: `${id}-exclude`, value: 'exclude' });
    const resolveButton = h('button', { type: 'submit', class: 'primary' }, 'Resolve');
    // what this card's form says, beside its Resolve button
    const status = statusLine();
    const say = (text: string) => {
      status.classList.add('error');
      status.textContent = text;
    };
    const form: HTMLFormElement = h(
      'form',
      {
        'aria-label': `Resolve record ${c.recordId}`,
        onsubmit: async (event: Event) => {
          event.preventDefault();
          const decision = include.checked ? 'include' : exclude.checked ? 'exclude' : null;
          const picked = reasonSelect.value === '__other' ? '' : reasonSelect.value;
          const reason = picked || other.value.trim();
          if (!decision) {
            say('Choose include or exclude.');
            return;
          }
          if (decision === 'exclude' && reasonRequired && !reason) {
            say('Give the reason for excluding.');
            reasonSelect.focus();
            return;
          }
          const top = resolveButton.getBoundingClientRect().top;
          try {
            await api.post(`${base}/screening/${stage}/resolutions`, {
              recordId: c.recordId,
              stage,
              decision,
              ...(reason ? { reason } : {}),
            });
            // the conflict is settled: the record stays, and where its form was, what was decided
            card.classList.replace('conflict', 'resolved');
            form.replaceWith(status);
            status.classList.remove('error');
            status.tabIndex = -1;
            status.textContent = `Resolved record ${c.recordId}: ${decision}.`;
            keepAt(status, top);
            status.focus({ preventScroll: true });
            showCount(list.querySelectorAll('.conflict').length);
          } catch (error) {
            say(error instanceof ApiError ? error.message : 'The resolution was not saved.');
          }
        },
      },
      h(
        'fieldset',
        {},
        h('legend', {}, 'Final decision'),
        h('label', { class: 'check', for: `${id}-include` }, include, ' Include'),
        h('label', { class: 'check', for: `${id}-exclude` }, exclude, ' Exclude'),
      ),
      h('label', { for: `${id}-reason` }, reasonRequired ? 'Reason (required to exclude)' : 'Reason (optional)'),
      reasonSelect,
      ' ',
      other,
      h('p', { class: 'actions' }, resolveButton, status),
    );
    const card: HTMLElement = h(
      'section',
      { class: 'card conflict', 'data-record-id': c.recordId },
      recordDetails(c.record, settings.highlightKeywords),
      h(
        'ul',
        { class: 'votes', 'aria-label': 'Votes' },
        ...c.votes.map((v) =>
          h(
            'li',
            {},
            h('strong', {}, v.username ?? `user ${v.userId}`),
            ': ',
            h('span', { class: `badge ${v.decision}` }, v.decision),
            v.reason ? ` — ${v.reason}` : '',
            v.note ? h('span', { class: 'muted', dir: 'auto' }, ` (note: ${v.note})`) : null,
          ),
        ),
      ),
      form,
    );
    return card;
  }
}
