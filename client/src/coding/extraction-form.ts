import type { Field, FieldValue } from '../../../server/api/types';
import { api, ApiError } from '../api';
import { h } from '../dom';
import { statusLine } from '../layout';

/** One field of the form: a select, a group of checkboxes, or a text or number input. */
function fieldControl(
  f: Field,
  value: FieldValue | undefined,
): { control: HTMLElement; label: HTMLElement | null } {
  const id = `field-${f.key}`;
  if (f.kind === 'single') {
    const control = h(
      'select',
      { id, name: f.key },
      h('option', { value: '' }, '—'),
      ...f.options.map((o) => h('option', { value: o, selected: value === o }, o)),
    );
    return { control, label: h('label', { for: id }, f.label) };
  }
  if (f.kind === 'multiple') {
    const chosen = Array.isArray(value) ? value : [];
    const control = h(
      'fieldset',
      { id },
      h('legend', {}, f.label),
      ...f.options.map((o, i) =>
        h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            name: f.key,
            value: o,
            checked: chosen.includes(o),
            id: `${id}-${i}`,
          }),
          ` ${o}`,
        ),
      ),
    );
    return { control, label: null };
  }
  const control = h('input', {
    id,
    name: f.key,
    type: f.kind === 'number' ? 'number' : 'text',
    value: value == null ? '' : String(value),
  });
  return { control, label: h('label', { for: id }, f.label) };
}

/** What a control holds: the ticked options of a multiple choice, else its value. */
function controlValue(f: Field, control: HTMLElement): string | string[] {
  return f.kind === 'multiple'
    ? [...control.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value)
    : (control as HTMLInputElement | HTMLSelectElement).value;
}

/** The study's characteristics (the codebook's extraction fields), saved field by field. */
export function extractionForm(
  base: string,
  recordId: number,
  fields: Field[],
  values: Record<string, FieldValue>,
): HTMLElement {
  const status = statusLine();
  const inputs = fields.map((f) => ({ f, ...fieldControl(f, values[f.key]) }));
  return h(
    'form',
    {
      class: 'card',
      'aria-label': 'Extraction form',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        try {
          for (const { f, control } of inputs) {
            await api.put(`${base}/coding/studies/${recordId}/values/${encodeURIComponent(f.key)}`, {
              value: controlValue(f, control),
            });
          }
          status.textContent = 'Extraction saved.';
        } catch (e) {
          status.textContent = e instanceof ApiError ? e.message : 'Could not save';
        }
      },
    },
    h('h2', {}, 'Study characteristics'),
    ...inputs.flatMap(({ label, control }) => [label, control]),
    h('p', {}, h('button', { type: 'submit' }, 'Save characteristics')),
    status,
  );
}
