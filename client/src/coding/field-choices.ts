import { h, mount } from '../dom';

/** One choice of a field being edited: what it reads now, and what it read when the form opened (null: new). */
export interface ChoiceRow {
  value: string;
  was: string | null;
}

/**
 * The choices of a single- or multiple-choice field as a list the owner edits in place: each an
 * input ("Choice 2"), moved up or down or removed with its buttons; "Add a choice" appends one.
 * It edits `rows` in place, keeping each choice's original name so a rename is known as one.
 */
export function choiceEdit(id: string, rows: ChoiceRow[]): { element: HTMLElement } {
  const list = h('ol', { class: 'choice-list' });
  const element = h(
    'fieldset',
    { class: 'choices' },
    h('legend', {}, 'Choices'),
    list,
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          rows.push({ value: '', was: null });
          draw(rows.length - 1);
        },
      },
      'Add a choice',
    ),
  );

  /** Redraws the list and focuses the input of choice `focus` (0-based), or the button named by `focusButton`. */
  function draw(focus?: number, focusButton?: string): void {
    mount(
      list,
      ...rows.map((row, i) => {
        const inputId = `${id}-choice-${i}`;
        const input = h('input', { id: inputId, value: row.value, maxlength: 300, required: true });
        input.addEventListener('input', () => (row.value = input.value));
        const swap = (j: number, name: string) => () => {
          const [a, b] = [rows[i]!, rows[j]!];
          rows[i] = b;
          rows[j] = a;
          // at an end the button pressed goes: focus the choice's input instead
          const target = j === 0 || j === rows.length - 1 ? undefined : `${id}-${name}-${j}`;
          draw(target ? undefined : j, target);
        };
        return h(
          'li',
          {},
          h('label', { for: inputId, class: 'choice-label' }, `Choice ${i + 1}`),
          input,
          h(
            'button',
            {
              type: 'button',
              class: 'icon',
              id: `${id}-up-${i}`,
              'aria-label': `Move choice ${i + 1} up`,
              title: 'Move up',
              disabled: i === 0,
              onclick: swap(i - 1, 'up'),
            },
            '↑',
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'icon',
              id: `${id}-down-${i}`,
              'aria-label': `Move choice ${i + 1} down`,
              title: 'Move down',
              disabled: i === rows.length - 1,
              onclick: swap(i + 1, 'down'),
            },
            '↓',
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              'aria-label': `Remove choice ${i + 1}`,
              onclick: () => {
                rows.splice(i, 1);
                draw(Math.min(i, rows.length - 1));
              },
            },
            'Remove',
          ),
        );
      }),
    );
    if (focusButton) document.getElementById(focusButton)?.focus();
    else if (focus !== undefined && focus >= 0) document.getElementById(`${id}-choice-${focus}`)?.focus();
  }

  draw();
  return { element };
}
