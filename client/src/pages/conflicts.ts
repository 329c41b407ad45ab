import type { Conflict, ConflictsResponse, ScreeningSettings, Stage } from '../../../server/api/types';
import { api, ApiError } from '../api';
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
  const status = statusLine();
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
    h('p', { class: 'muted' }, `${conflicts.length} record(s) where the reviewers disagree.`),
    status,
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
      h(
        'form',
        {
          'aria-label': `Resolve record ${c.recordId}`,
          onsubmit: async (event: Event) => {
            event.preventDefault();
            const decision = include.checked ? 'include' : exclude.checked ? 'exclude' : null;
            const picked = reasonSelect.value === '__other' ? '' : reasonSelect.value;
            const reason = picked || other.value.trim();
            if (!decision) {
              status.textContent = 'Choose include or exclude.';
              return;
            }
            if (decision === 'exclude' && reasonRequired && !reason) {
              status.textContent = 'Give the reason for excluding.';
              reasonSelect.focus();
              return;
            }
            try {
              await api.post(`${base}/screening/${stage}/resolutions`, { recordId: c.recordId, stage, decision, ...(reason ? { reason } : {}) });
              status.textContent = `Resolved record ${c.recordId}: ${decision}.`;
              card.remove();
            } catch (error) {
              status.textContent = error instanceof ApiError ? error.message : 'The resolution was not saved.';
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
        h('p', {}, h('button', { type: 'submit', class: 'primary' }, 'Resolve')),
      ),
    );
    return card;
  }
}
