import type { AppraisalCriterion, AppraisalStudyDetail, AppraisalTool } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { changesThatReload } from '../coding/actions';
import { h, mount } from '../dom';
import { statusLine } from '../layout';
import { navigate } from '../router';
import { consensusSection } from './consensus-view';
import { answerText } from './answer-text';
import { TONE_SYMBOL } from './tones';

/**
 * One included study in the appraisal: the record, its design (from the extraction form, else
 * the appraiser's choice), a form per criterion (an answer, its justification, optionally a quote
 * and its page), the caller's "done", and, once both appraisers finished it (or appraisal is
 * unblinded), the others' answers and the consensus the owner reconciles.
 */
export async function renderAppraisalStudy(
  target: HTMLElement,
  base: string,
  projectId: number,
  recordId: number,
  owner: boolean,
): Promise<void> {
  const data = await api.get<AppraisalStudyDetail>(`${base}/studies/${recordId}`);
  const reload = () => navigate(`/projects/${projectId}/appraisal/${data.study.id}`);
  const study = `${base}/studies/${data.study.id}`;
  const design = data.formDesign ?? data.mine.design;
  const criteria = criteriaFor(data.tool, design);
  const own = h(
    'section',
    { class: 'card', id: 'appraisal-answers', 'aria-label': 'Your appraisal' },
    h('h2', {}, 'Your appraisal'),
    design === null ? h('p', { class: 'muted' }, 'Choose the study’s design to see its criteria.') : null,
    ...criteria.map((c) => criterionForm(study, data, c, reload)),
  );
  // An owner reconciling two appraisers' work need not appraise the study too: their own form folds away.
  const reconciling = owner && data.othersVisible && data.mine.answers.length === 0;
  mount(
    target,
    studyCard(data),
    designCard(study, data, reload),
    data.othersVisible && data.consensus ? consensusSection(study, data, criteria, owner, reload) : null,
    reconciling ? null : doneCard(study, data, reload),
    reconciling
      ? h('details', { class: 'card' }, h('summary', {}, 'Appraise this study yourself'), own)
      : own,
  );
}

function criteriaFor(tool: AppraisalTool, design: string | null): AppraisalCriterion[] {
  return [...tool.screening, ...(tool.designs.find((d) => d.id === design)?.criteria ?? [])];
}

function studyCard(data: AppraisalStudyDetail): HTMLElement {
  const s = data.study;
  return h(
    'article',
    { class: 'card' },
    h('h2', { class: 'record-title', dir: 'auto' }, s.title ?? '(no title)'),
    h('p', { class: 'record-meta' }, [s.authors.join('; '), s.year, s.journal].filter(Boolean).join(' · ')),
    data.reportIds.length > 1
      ? h('p', { class: 'muted' }, `One study of ${data.reportIds.length} reports, appraised once.`)
      : null,
    s.abstract ? h('p', { class: 'abstract', dir: 'auto' }, s.abstract) : null,
  );
}

function designCard(study: string, data: AppraisalStudyDetail, reload: () => void): HTMLElement {
  const { status, run } = changesThatReload(reload);
  const label = (id: string | null) => data.tool.designs.find((d) => d.id === id)?.label ?? id ?? '—';
  if (data.formDesign)
    return h(
      'p',
      { class: 'card', id: 'appraisal-design' },
      h('strong', {}, 'Design (from the extraction form): '),
      label(data.formDesign),
    );
  const select = h(
    'select',
    { id: 'appraisal-design-choice', disabled: data.mine.done },
    h('option', { value: '' }, 'Choose the design…'),
    ...data.tool.designs.map((d) => h('option', { value: d.id }, d.label)),
  );
  select.value = data.mine.design ?? '';
  select.addEventListener(
    'change',
    run(() => api.put(`${study}/design`, { design: select.value === '' ? null : select.value })),
  );
  return h(
    'div',
    { class: 'card', id: 'appraisal-design' },
    h('label', { for: 'appraisal-design-choice' }, 'Design of this study'),
    select,
    h(
      'p',
      { class: 'hint' },
      'The extraction form gives no design for this study: choose the category it is appraised as.',
    ),
    status,
  );
}

function doneCard(study: string, data: AppraisalStudyDetail, reload: () => void): HTMLElement {
  const { status, run } = changesThatReload(reload);
  return h(
    'section',
    { class: 'card', id: 'appraisal-status', 'aria-label': 'Your appraisal of this study' },
    h('h2', {}, data.mine.done ? 'You have finished this study' : 'When you have answered every criterion'),
    h(
      'p',
      { class: 'muted' },
      data.othersVisible
        ? `Finished by: ${data.doneBy?.length ? data.doneBy.join(', ') : 'nobody yet'}.`
        : 'Blind: the other appraiser’s answers show once you have both marked this study done.',
    ),
    h(
      'p',
      {},
      data.mine.done
        ? h(
            'button',
            { type: 'button', onclick: run(() => api.delete(`${study}/done`)) },
            'Reopen my appraisal',
          )
        : h(
            'button',
            { type: 'button', class: 'primary', onclick: run(() => api.post(`${study}/done`)) },
            'Mark as done',
          ),
    ),
    status,
  );
}

/** One criterion: the caller's answer as a form (or as text once they marked the study done). */
function criterionForm(
  study: string,
  data: AppraisalStudyDetail,
  criterion: AppraisalCriterion,
  reload: () => void,
): HTMLElement {
  const mine = data.mine.answers.find((a) => a.criterion === criterion.id);
  const id = (what: string) => `c-${criterion.id.replace(/[^A-Za-z0-9_-]/g, '_')}-${what}`;
  const heading = h(
    'legend',
    {},
    h('strong', {}, criterion.id),
    ' ',
    criterion.question,
    criterion.domain ? h('span', { class: 'muted' }, ` (${criterion.domain})`) : null,
  );
  if (data.mine.done)
    return h(
      'fieldset',
      { class: 'appraisal-criterion', 'data-criterion': criterion.id },
      heading,
      answerText(data.tool, mine),
    );
  const status = statusLine();
  const allowed = data.tool.answers.filter((a) => !criterion.answers || criterion.answers.includes(a.id));
  const radios = allowed.map((a) =>
    h(
      'label',
      { class: 'check' },
      h('input', {
        type: 'radio',
        name: id('answer'),
        value: a.id,
        checked: mine?.answer === a.id,
        required: true,
      }),
      ` ${TONE_SYMBOL[a.tone]} ${a.label}`,
    ),
  );
  const justification = h('textarea', {
    id: id('why'),
    required: true,
    maxlength: 5000,
    class: 'appraisal-justification',
  });
  justification.value = mine?.justification ?? '';
  const quote = h('textarea', { id: id('quote'), maxlength: 20000, class: 'appraisal-quote' });
  quote.value = mine?.quote ?? '';
  const page = h('input', { id: id('page'), size: 6, maxlength: 50, value: mine?.page ?? '' });
  const form = h(
    'form',
    {
      class: 'appraisal-form',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const chosen = form.querySelector<HTMLInputElement>(`input[name="${id('answer')}"]:checked`);
        try {
          await api.put(`${study}/answers/${encodeURIComponent(criterion.id)}`, {
            answer: chosen?.value ?? '',
            justification: justification.value,
            quote: quote.value.trim() === '' ? null : quote.value,
            page: page.value.trim() === '' ? null : page.value,
          });
          reload();
        } catch (e) {
          status.textContent = e instanceof ApiError ? e.message : 'Could not save';
        }
      },
    },
    h('div', { role: 'radiogroup', 'aria-label': `Answer to ${criterion.id}` }, ...radios),
    h('label', { for: id('why') }, 'Justification'),
    justification,
    h(
      'details',
      { class: 'appraisal-quote-box', open: Boolean(mine?.quote) },
      h('summary', {}, 'Quote from the paper (optional)'),
      h('label', { for: id('quote') }, 'Quote'),
      quote,
      h('label', { for: id('page') }, 'Page'),
      page,
    ),
    h('p', {}, h('button', { type: 'submit' }, mine ? `Update ${criterion.id}` : `Save ${criterion.id}`)),
    status,
  );
  return h(
    'fieldset',
    { class: 'appraisal-criterion', 'data-criterion': criterion.id },
    heading,
    criterion.hint ? h('p', { class: 'hint' }, criterion.hint) : null,
    form,
  );
}
