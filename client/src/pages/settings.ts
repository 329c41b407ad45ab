import { api, ApiError, optional } from '../api';
import { h, mount } from '../dom';
import { frame, statusLine } from '../layout';
import { loadProject } from '../project';
import { STAGE_LABEL, type Stage } from '../records';
import type { Settings } from '../screening-api';

interface Member {
  userId: number;
  username: string;
  role: 'viewer' | 'reviewer' | 'owner';
}

interface Prioritisation {
  enabled: boolean;
  keywords: string[];
  model: string;
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
const words = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((w) => w.trim())
    .filter((w) => w !== '');

/** The owner's settings: criteria, reviewers per record, blind mode, reasons, highlighting, prioritisation, members. */
export async function settingsPage(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const projectId = Number(params.projectId);
  const project = await loadProject(projectId);
  const content = frame(root, project);
  const base = `/api/projects/${projectId}`;
  const owner = project.role === 'owner';
  const [settings, members, prioritisation] = await Promise.all([
    api.get<Settings>(`${base}/settings`),
    api.get<Member[] | { members: Member[] }>(`${base}/members`),
    optional(api.get<{ settings: Prioritisation }>(`${base}/ranking`)).then((r) => r?.settings ?? null),
  ]);
  const status = statusLine();
  const save = async (what: string, run: () => Promise<unknown>) => {
    status.classList.remove('error');
    try {
      await run();
      status.textContent = `${what} saved.`;
    } catch (error) {
      status.classList.add('error');
      status.textContent = error instanceof ApiError ? `${what} not saved: ${error.message}` : `${what} not saved.`;
    }
  };

  const criteria = h('textarea', { id: 'criteria', name: 'eligibilityCriteria', rows: 8, maxlength: 20000 });
  criteria.value = settings.eligibilityCriteria;
  const includeWords = h('textarea', { id: 'kw-include', name: 'include', rows: 2 });
  includeWords.value = settings.highlightKeywords.include.join(', ');
  const excludeWords = h('textarea', { id: 'kw-exclude', name: 'exclude', rows: 2 });
  excludeWords.value = settings.highlightKeywords.exclude.join(', ');

  const stageFields = (stage: Stage) => {
    const s = settings.stages[stage];
    const id = stage === 'title_abstract' ? 'ta' : 'ft';
    const reviewers = h('select', { id: `${id}-reviewers`, name: 'reviewersRequired' }, h('option', { value: '1' }, '1 reviewer'), h('option', { value: '2' }, '2 reviewers'));
    reviewers.value = String(s.reviewersRequired);
    const blind = h('input', { type: 'checkbox', id: `${id}-blind`, name: 'blind', checked: s.blind });
    const reasonRequired = h('input', { type: 'checkbox', id: `${id}-required`, name: 'reasonRequired', checked: s.reasonRequired, disabled: stage === 'full_text' });
    const reasons = h('textarea', { id: `${id}-reasons`, name: 'exclusionReasons', rows: 6 });
    reasons.value = s.exclusionReasons.join('\n');
    const unblind = h(
      'button',
      {
        type: 'button',
        disabled: !s.blind || s.unblinded || !owner,
        onclick: async () => {
          if (!confirm(`Unblind ${STAGE_LABEL[stage]}? Reviewers will see each other's votes; this cannot be undone.`)) return;
          await save('Unblinding', () => api.post(`${base}/screening/${stage}/unblind`));
          unblind.disabled = true;
        },
      },
      s.unblinded ? 'Unblinded' : 'Unblind now',
    );
    const fieldset = h(
      'fieldset',
      { class: 'card' },
      h('legend', {}, STAGE_LABEL[stage]),
      h('label', { for: `${id}-reviewers` }, 'Reviewers required per record'),
      reviewers,
      h('label', { class: 'check', for: `${id}-blind` }, blind, ' Blind mode (reviewers cannot see each other\'s votes)'),
      h('p', {}, unblind),
      h('label', { class: 'check', for: `${id}-required` }, reasonRequired, ' An exclusion needs a reason', stage === 'full_text' ? ' (always, at full text)' : ''),
      h('label', { for: `${id}-reasons` }, 'Exclusion reasons (one per line)'),
      reasons,
    );
    const patch = () => ({
      reviewersRequired: Number(reviewers.value) as 1 | 2,
      blind: blind.checked,
      exclusionReasons: lines(reasons.value),
      ...(stage === 'title_abstract' ? { reasonRequired: reasonRequired.checked } : {}),
    });
    return { fieldset, patch };
  };
  const ta = stageFields('title_abstract');
  const ft = stageFields('full_text');

  const screeningForm = h(
    'form',
    {
      'aria-label': 'Screening settings',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void save('Screening settings', () =>
          api.patch(`${base}/settings`, {
            eligibilityCriteria: criteria.value,
            highlightKeywords: { include: words(includeWords.value), exclude: words(excludeWords.value) },
            stages: { title_abstract: ta.patch(), full_text: ft.patch() },
          }),
        );
      },
    },
    h('h2', {}, 'Eligibility criteria'),
    h('label', { for: 'criteria' }, 'Shown beside every record while screening'),
    criteria,
    h('h2', {}, 'Keyword highlighting'),
    h('label', { for: 'kw-include' }, 'Words to highlight as relevant (comma separated)'),
    includeWords,
    h('label', { for: 'kw-exclude' }, 'Words to highlight as likely irrelevant (comma separated)'),
    excludeWords,
    h('h2', {}, 'Stages'),
    h('div', { class: 'side-by-side' }, ta.fieldset, ft.fieldset),
    h('p', {}, h('button', { type: 'submit', class: 'primary', disabled: !owner }, 'Save screening settings')),
  );

  const prioritisationSection = prioritisation
    ? (() => {
        const enabled = h('input', { type: 'checkbox', id: 'prioritise', name: 'enabled', checked: prioritisation.enabled, disabled: !owner });
        const seeds = h('textarea', { id: 'prioritise-keywords', name: 'keywords', rows: 2, disabled: !owner });
        seeds.value = prioritisation.keywords.join(', ');
        return h(
          'form',
          {
            class: 'card',
            'aria-label': 'Prioritised screening',
            onsubmit: (event: Event) => {
              event.preventDefault();
              void save('Prioritisation', () =>
                api.put(`${base}/ranking/settings`, { enabled: enabled.checked, keywords: words(seeds.value).slice(0, 50) }),
              );
            },
          },
          h('h2', {}, 'Prioritised screening'),
          h('label', { class: 'check', for: 'prioritise' }, enabled, " Order each reviewer's title/abstract queue by predicted relevance (retrained in the background as decisions settle)"),
          h('label', { for: 'prioritise-keywords' }, 'Words that order the queue until the first include and exclude (comma separated)'),
          seeds,
          h('p', {}, h('button', { type: 'submit', disabled: !owner }, 'Save prioritisation')),
        );
      })()
    : null;

  const memberList = Array.isArray(members) ? members : members.members;
  const memberName = h('input', { id: 'member-username', name: 'username', required: true, autocomplete: 'off' });
  const memberRole = h('select', { id: 'member-role', name: 'role' }, h('option', { value: 'reviewer' }, 'Reviewer'), h('option', { value: 'viewer' }, 'Viewer'), h('option', { value: 'owner' }, 'Owner'));
  const membersSection = h(
    'section',
    { class: 'card' },
    h('h2', {}, 'Members'),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'User'), h('th', { scope: 'col' }, 'Role'))),
      h(
        'tbody',
        {},
        ...memberList.map((m) => {
          const role = h('select', { 'aria-label': `Role of ${m.username}`, disabled: !owner }, ...['viewer', 'reviewer', 'owner'].map((r) => h('option', { value: r }, r)));
          role.value = m.role;
          role.addEventListener('change', () => void save(`Role of ${m.username}`, () => api.patch(`${base}/members/${m.userId}`, { role: role.value })));
          return h('tr', {}, h('td', {}, m.username), h('td', {}, role));
        }),
      ),
    ),
    owner
      ? h(
          'form',
          {
            class: 'inline-form',
            'aria-label': 'Add a member',
            onsubmit: (event: Event) => {
              event.preventDefault();
              void save(`Member ${memberName.value}`, async () => {
                await api.post(`${base}/members`, { username: memberName.value.trim(), role: memberRole.value });
                await settingsPage(root, params);
              });
            },
          },
          h('label', { for: 'member-username' }, 'Username'),
          memberName,
          h('label', { for: 'member-role' }, 'Role'),
          memberRole,
          h('button', { type: 'submit' }, 'Add member'),
        )
      : null,
  );

  mount(
    content,
    h('h1', {}, 'Settings'),
    owner ? null : h('p', { class: 'muted' }, 'Only the owner can change these settings.'),
    status,
    screeningForm,
    prioritisationSection,
    membersSection,
  );
}
