import type { Field, FieldKind } from '../../../server/api/types';
import { api } from '../api';
import { h, mount } from '../dom';
import { statusLine } from '../layout';
import type { EditorContext } from './editor-context';
import { choiceEdit, type ChoiceRow } from './field-choices';
import { focusAfterStep, type Step } from './steps';
import { upDownButtons } from './up-down';

export const KIND_NAMES: Record<FieldKind, string> = {
  text: 'Text',
  number: 'Number',
  single: 'Single choice',
  multiple: 'Multiple choice',
};

const item = (key: string) => `[data-field-key="${CSS.escape(key)}"]`;
const statusOf = (key: string) => `${item(key)} .field-status`;

/**
 * The extraction-form builder: the fields every coder fills for a study (text, number, single or
 * multiple choice), added, edited (label, kind, choices added, renamed, reordered, removed),
 * reordered and removed. A choice renamed is renamed in the values coders already stored; the
 * server refuses what would lose a stored value and says why beside the field.
 */
export function fieldBuilder(ctx: EditorContext): { element: HTMLElement; render(): void } {
  const body = h('div');
  const status = statusLine();
  const element = h(
    'section',
    { class: 'card', id: 'field-builder', 'aria-labelledby': 'fields-title' },
    h('h2', { id: 'fields-title', tabindex: -1 }, 'Extraction form (study characteristics)'),
    h('p', { class: 'hint' }, 'The fields every coder fills in for each included study, in this order.'),
    status,
    body,
  );
  /** The field being edited (its key), or "new" while a field is being added. */
  let editing: string | null = null;

  function render(): void {
    const { fields } = ctx.book;
    mount(
      body,
      fields.length === 0
        ? h('p', { class: 'muted' }, 'No fields yet.')
        : h('ol', { class: 'field-list' }, ...fields.map((f, i) => fieldItem(f, i, fields.length))),
      editing === 'new'
        ? fieldForm(null)
        : h(
            'p',
            {},
            h(
              'button',
              {
                type: 'button',
                'data-action': 'add-field',
                onclick: () => edit('new', '#field-form [data-first]'),
              },
              'Add a field',
            ),
          ),
    );
  }

  function edit(key: string | null, focus: string): void {
    editing = key;
    render();
    element.querySelector<HTMLElement>(focus)?.focus();
  }

  function fieldItem(f: Field, index: number, count: number): HTMLElement {
    const said = h('span', { class: 'field-status', role: 'status', 'aria-live': 'polite' });
    const action = (name: string) => `${item(f.key)} [data-action="${name}"]`;
    const move = (step: Step) => () => {
      void ctx.change(
        () => api.post(`${ctx.base}/extraction-fields/${f.id}/move`, { index: index + step }),
        {
          focus: action(focusAfterStep(index, step, count)),
          say: { at: statusOf(f.key), text: `Moved ${step < 0 ? 'up' : 'down'}.` },
        },
        said,
      );
    };
    return h(
      'li',
      { 'data-field-key': f.key },
      h(
        'div',
        { class: 'code-row' },
        h('strong', { dir: 'auto' }, f.label),
        ' ',
        h('code', {}, f.key),
        ` · ${KIND_NAMES[f.kind]}`,
        f.options.length > 0
          ? h('span', { class: 'muted', dir: 'auto' }, ` · ${f.options.join(', ')}`)
          : null,
        h(
          'span',
          { class: 'code-actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              'data-action': 'edit',
              'aria-label': `Edit the field ${f.label}`,
              onclick: () => edit(f.key, `${item(f.key)} form [data-first]`),
            },
            'Edit',
          ),
          ...upDownButtons(`the field ${f.label}`, index, count, move),
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              'data-action': 'remove',
              'aria-label': `Remove the field ${f.label}`,
              onclick: () =>
                void ctx.change(
                  () => api.delete(`${ctx.base}/extraction-fields/${f.id}`),
                  {
                    focus: '#fields-title',
                    say: { at: '#field-builder > .status', text: `Removed the field ${f.label}.` },
                  },
                  said,
                ),
            },
            'Remove',
          ),
        ),
        said,
      ),
      editing === f.key ? fieldForm(f) : null,
    );
  }

  /** The form of a new field (null) or of one being edited. */
  function fieldForm(f: Field | null): HTMLElement {
    const id = f ? `field-${f.id}` : 'field-new';
    const formStatus = statusLine();
    const key = f ? null : h('input', { id: `${id}-key`, required: true, maxlength: 80, 'data-first': '' });
    const label = h('input', {
      id: `${id}-label`,
      required: true,
      maxlength: 300,
      value: f?.label ?? '',
      'data-first': f ? '' : null,
    });
    const kind = h(
      'select',
      { id: `${id}-kind` },
      ...(Object.keys(KIND_NAMES) as FieldKind[]).map((k) =>
        h('option', { value: k, selected: (f?.kind ?? 'text') === k }, KIND_NAMES[k]),
      ),
    );
    const rows: ChoiceRow[] = (f?.options ?? []).map((o) => ({ value: o, was: o }));
    const choices = choiceEdit(id, rows);
    const showChoices = () => (choices.element.hidden = kind.value !== 'single' && kind.value !== 'multiple');
    kind.addEventListener('change', showChoices);
    showChoices();
    const cancel = () => edit(null, f ? `${item(f.key)} [data-action="edit"]` : '[data-action="add-field"]');
    const name = f ? `Edit the field ${f.label}` : 'New field';
    return h(
      'form',
      {
        class: 'inline-edit',
        id: f ? null : 'field-form',
        'aria-label': name,
        onkeydown: (event: Event) => {
          if ((event as KeyboardEvent).key !== 'Escape') return;
          event.preventDefault();
          cancel();
        },
        onsubmit: (event: Event) => {
          event.preventDefault();
          const choice = kind.value === 'single' || kind.value === 'multiple';
          const options = choice ? rows.map((r) => r.value.trim()) : [];
          const renamedOptions = choice
            ? rows
                .filter((r) => r.was !== null && r.was !== r.value.trim())
                .map((r) => ({ from: r.was!, to: r.value.trim() }))
            : [];
          const fieldKey = f?.key ?? key!.value.trim();
          void ctx.change(
            () =>
              f
                ? api.patch(`${ctx.base}/extraction-fields/${f.id}`, {
                    label: label.value.trim(),
                    kind: kind.value,
                    options,
                    renamedOptions,
                  })
                : api.post(`${ctx.base}/extraction-fields`, {
                    key: fieldKey,
                    label: label.value.trim(),
                    kind: kind.value,
                    options,
                  }),
            () => {
              editing = null;
              return {
                focus: `${item(fieldKey)} [data-action="edit"]`,
                say: { at: statusOf(fieldKey), text: f ? 'Saved.' : 'Added.' },
              };
            },
            formStatus,
          );
        },
      },
      h('h3', {}, f ? `Edit the field ${f.label}` : 'A new field'),
      key
        ? h('label', { for: `${id}-key` }, 'Key')
        : h(
            'p',
            { class: 'muted' },
            'Key: ',
            h('code', {}, f!.key),
            ' (kept: values and exports name the field by it)',
          ),
      key,
      h('label', { for: `${id}-label` }, 'Label'),
      label,
      h('label', { for: `${id}-kind` }, 'Kind'),
      kind,
      choices.element,
      h(
        'p',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'primary' }, 'Save the field'),
        h('button', { type: 'button', onclick: cancel }, 'Cancel'),
      ),
      formStatus,
    );
  }

  render();
  return { element, render };
}
