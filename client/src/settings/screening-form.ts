import type { ScreeningSettings, Stage } from '../../../server/api/types';
import { api } from '../api';
import { h } from '../dom';
import { STAGE_LABEL } from '../records';
import { stagePatch, words, type StagePatch } from './form-values';
import { savingBeside, type Save } from './save';

/** The screening settings form: criteria, keyword highlighting, and each stage's rules. */
export function screeningSettingsForm(
  base: string,
  settings: ScreeningSettings,
  owner: boolean,
): HTMLElement {
  const { status, save } = savingBeside();
  const criteria = h('textarea', { id: 'criteria', name: 'eligibilityCriteria', rows: 8, maxlength: 20000 });
  criteria.value = settings.eligibilityCriteria;
  const includeWords = h('textarea', { id: 'kw-include', name: 'include', rows: 2 });
  includeWords.value = settings.highlightKeywords.include.join(', ');
  const excludeWords = h('textarea', { id: 'kw-exclude', name: 'exclude', rows: 2 });
  excludeWords.value = settings.highlightKeywords.exclude.join(', ');
  const ta = stageFieldset(base, 'title_abstract', settings, owner);
  const ft = stageFieldset(base, 'full_text', settings, owner);
  return h(
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
    h(
      'p',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', disabled: !owner }, 'Save screening settings'),
      status,
    ),
  );
}

/** One stage's rules, with the button that unblinds it (owners, once). */
function stageFieldset(
  base: string,
  stage: Stage,
  settings: ScreeningSettings,
  owner: boolean,
): { fieldset: HTMLElement; patch: () => StagePatch } {
  const unblinding: { status: HTMLElement; save: Save } = savingBeside();
  const s = settings.stages[stage];
  const id = stage === 'title_abstract' ? 'ta' : 'ft';
  const reviewers = h(
    'select',
    { id: `${id}-reviewers`, name: 'reviewersRequired' },
    h('option', { value: '1' }, '1 reviewer'),
    h('option', { value: '2' }, '2 reviewers'),
  );
  reviewers.value = String(s.reviewersRequired);
  const blind = h('input', { type: 'checkbox', id: `${id}-blind`, name: 'blind', checked: s.blind });
  const reasonRequired = h('input', {
    type: 'checkbox',
    id: `${id}-required`,
    name: 'reasonRequired',
    checked: s.reasonRequired,
    disabled: stage === 'full_text',
  });
  const reasons = h('textarea', { id: `${id}-reasons`, name: 'exclusionReasons', rows: 6 });
  reasons.value = s.exclusionReasons.join('\n');
  const unblind = h(
    'button',
    {
      type: 'button',
      disabled: !s.blind || s.unblinded || !owner,
      onclick: async () => {
        if (
          !confirm(
            `Unblind ${STAGE_LABEL[stage]}? Reviewers will see each other's votes${stage === 'title_abstract' ? ', and full text opens to them' : ', and coding opens to them'}; this cannot be undone.`,
          )
        )
          return;
        await unblinding.save('Unblinding', () => api.post(`${base}/screening/${stage}/unblind`));
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
    h(
      'label',
      { class: 'check', for: `${id}-blind` },
      blind,
      " Blind mode (reviewers cannot see each other's votes)",
    ),
    h('p', { class: 'actions' }, unblind, unblinding.status),
    h(
      'label',
      { class: 'check', for: `${id}-required` },
      reasonRequired,
      ' An exclusion needs a reason',
      stage === 'full_text' ? ' (always, at full text)' : '',
    ),
    h('label', { for: `${id}-reasons` }, 'Exclusion reasons (one per line)'),
    reasons,
  );
  const patch = () =>
    stagePatch(stage, {
      reviewersRequired: reviewers.value,
      blind: blind.checked,
      exclusionReasons: reasons.value,
      reasonRequired: reasonRequired.checked,
    });
  return { fieldset, patch };
}
