import type { AppraisalTool } from '../../../server/api/types';
import { api } from '../api';
import { h } from '../dom';
import { formToTool, toolToForm, type ToolForm } from './tool-form';

type SaveThenReload = (what: string, run: () => Promise<unknown>) => Promise<void>;

/**
 * The owner's tool editor: the tool in use as a form (a shipped tool opens as a copy with its own
 * id, so the shipped wording stays as cited), one line per answer and per criterion; saving makes
 * it this project's tool. The server checks it and names what is wrong, field by field.
 */
export function toolEditor(
  base: string,
  tool: AppraisalTool & { builtIn: boolean },
  save: SaveThenReload,
): HTMLElement {
  const form = toolToForm(tool, tool.builtIn);
  const input = (id: string, label: string, value: string) => {
    const el = h('input', { id, value, size: 40 });
    return { el, row: [h('label', { for: id }, label), el] };
  };
  const area = (id: string, label: string, value: string, hint?: string) => {
    const el = h('textarea', { id, class: 'tool-lines' });
    el.value = value;
    return { el, row: [h('label', { for: id }, label), hint ? h('p', { class: 'hint' }, hint) : null, el] };
  };
  const id = input('tool-id', 'Tool id', form.id);
  const name = input('tool-name', 'Name', form.name);
  const description = area('tool-description', 'Description', form.description);
  const authors = input('tool-authors', 'Source: authors', form.citation.authors);
  const year = input('tool-year', 'Source: year', form.citation.year);
  const title = input('tool-title', 'Source: title', form.citation.title);
  const url = input('tool-url', 'Source: web address', form.citation.url);
  const sourceNote = input('tool-source-note', 'Source: note', form.citation.note);
  const answers = area(
    'tool-answers',
    'Answers',
    form.answers,
    'One per line: id | label | tone (good, some, bad, unclear or none).',
  );
  const lineHint =
    'One criterion per line: id | question | domain | hint (domain, hint optional; add "| answers: yes, no" to allow only some answers).';
  const screening = area('tool-screening', 'Screening questions (every design)', form.screening, lineHint);
  const designs = h('div', { id: 'tool-designs' });
  const designRows: { id: HTMLInputElement; label: HTMLInputElement; criteria: HTMLTextAreaElement }[] = [];
  const addDesign = (d: ToolForm['designs'][number]) => {
    const n = designRows.length + 1;
    const row = {
      id: h('input', { id: `tool-design-${n}-id`, value: d.id }),
      label: h('input', { id: `tool-design-${n}-label`, value: d.label, size: 40 }),
      criteria: h('textarea', { id: `tool-design-${n}-criteria`, class: 'tool-lines' }),
    };
    row.criteria.value = d.criteria;
    designRows.push(row);
    designs.append(
      h(
        'fieldset',
        {},
        h('legend', {}, `Design ${n}`),
        h('label', { for: row.id.id }, 'Design id'),
        row.id,
        h('label', { for: row.label.id }, 'Design label'),
        row.label,
        h('label', { for: row.criteria.id }, 'Criteria'),
        row.criteria,
      ),
    );
  };
  form.designs.forEach(addDesign);

  const kind = h(
    'select',
    { id: 'tool-rule' },
    h('option', { value: 'none' }, 'none: report each criterion, no overall judgement'),
    h('option', { value: 'count' }, 'count: how many criteria got an answer (optionally in bands)'),
    h('option', { value: 'all' }, 'all: one label when every criterion got an answer, another otherwise'),
    h('option', { value: 'worst' }, 'worst: the worst answer given decides'),
  );
  kind.value = form.rule.kind;
  const ruleAnswer = input('tool-rule-answer', 'Answer counted (count, all)', form.rule.answer);
  const note = area('tool-rule-note', 'Why there is no overall judgement (none)', form.rule.note);
  const met = input('tool-rule-met', 'Label when all criteria got it (all)', form.rule.met);
  const notMet = input('tool-rule-not-met', 'Label otherwise (all)', form.rule.notMet);
  const order = input(
    'tool-rule-order',
    'Answers from best to worst, comma separated (worst)',
    form.rule.order,
  );
  const labels = area(
    'tool-rule-labels',
    'Labels of the worst answer (worst)',
    form.rule.labels,
    'One per line: answer id | label.',
  );
  const bands = area(
    'tool-rule-bands',
    'Bands (count)',
    form.rule.bands,
    'One per line: share of criteria 0–1 | label, e.g. 0.8 | high.',
  );

  const current = (): ToolForm => ({
    id: id.el.value,
    name: name.el.value,
    description: description.el.value,
    citation: {
      authors: authors.el.value,
      year: year.el.value,
      title: title.el.value,
      url: url.el.value,
      note: sourceNote.el.value,
    },
    answers: answers.el.value,
    screening: screening.el.value,
    designs: designRows.map((d) => ({ id: d.id.value, label: d.label.value, criteria: d.criteria.value })),
    rule: {
      kind: kind.value as ToolForm['rule']['kind'],
      answer: ruleAnswer.el.value,
      note: note.el.value,
      met: met.el.value,
      notMet: notMet.el.value,
      order: order.el.value,
      labels: labels.el.value,
      bands: bands.el.value,
    },
  });

  return h(
    'details',
    { class: 'tool-editor', id: 'tool-editor' },
    h('summary', {}, tool.builtIn ? 'Make your own tool from a copy of this one' : 'Edit this tool'),
    h(
      'form',
      {
        onsubmit: (event: Event) => {
          event.preventDefault();
          void save('Tool', () => api.post(`${base}/tools`, formToTool(current())));
        },
      },
      ...id.row,
      ...name.row,
      ...description.row,
      ...authors.row,
      ...year.row,
      ...title.row,
      ...url.row,
      ...sourceNote.row,
      ...answers.row,
      ...screening.row,
      designs,
      h(
        'p',
        {},
        h(
          'button',
          { type: 'button', onclick: () => addDesign({ id: '', label: '', criteria: '' }) },
          'Add a design',
        ),
      ),
      h('label', { for: 'tool-rule' }, 'Overall judgement'),
      kind,
      ...ruleAnswer.row,
      ...note.row,
      ...met.row,
      ...notMet.row,
      ...order.row,
      ...labels.row,
      ...bands.row,
      h('p', {}, h('button', { type: 'submit', class: 'primary' }, 'Save as this project’s tool')),
    ),
  );
}
