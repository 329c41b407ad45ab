import { h } from '../dom';

const SHORTCUTS: [keys: string, what: string][] = [
  ['I', 'Include'],
  ['E', 'Exclude (with the reason chosen)'],
  ['M', 'Maybe'],
  ['U', 'Undo your last decision'],
  ['N', 'Write a note (Esc returns)'],
  ['1–9', 'Choose an exclusion reason'],
  ['← / →', 'Previous / next record'],
  ['?', 'This help'],
];

/** The keyboard help (`?`): a modal dialog listing every shortcut. */
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
    h('form', { method: 'dialog' }, h('button', { type: 'submit', class: 'primary' }, 'Close')),
  );
  return { dialog, toggle: () => (dialog.open ? dialog.close() : dialog.showModal()) };
}
