import { h } from '../dom';

const SHORTCUTS: [keys: string, what: string][] = [
  ['I', 'Include'],
  ['E', 'Exclude (with the reason chosen)'],
  ['M', 'Maybe'],
  ['U', 'Undo your last decision'],
  ['N', 'Write a note'],
  ['1–9', 'Choose an exclusion reason'],
  ['← / →', 'Previous / next record'],
  ['Esc', 'Back to the record, from anywhere'],
  ['?', 'This help'],
];

/** The keyboard help (`?`): a modal dialog listing every shortcut. They work from every control but text fields. */
export function shortcutHelp(): { dialog: HTMLDialogElement; toggle: () => void } {
  const dialog = h(
    'dialog',
    { id: 'help', 'aria-labelledby': 'help-title' },
    h('h2', { id: 'help-title' }, 'Keyboard shortcuts'),
    h(
      'table',
      {},
      h(
        'tbody',
        {},
        ...SHORTCUTS.map(([k, w]) => h('tr', {}, h('th', { scope: 'row' }, h('kbd', {}, k)), h('td', {}, w))),
      ),
    ),
    h('p', { class: 'muted' }, 'Shortcuts work from every control except text fields, where keys type text.'),
    h('form', { method: 'dialog' }, h('button', { type: 'submit', class: 'primary' }, 'Close')),
  );
  return { dialog, toggle: () => (dialog.open ? dialog.close() : dialog.showModal()) };
}
