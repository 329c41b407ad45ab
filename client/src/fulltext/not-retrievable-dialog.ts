import { h } from '../dom';

/**
 * Asks before a report is marked not retrievable, and why: a modal dialog with the reason
 * (required: PRISMA reports these reports, and the team will ask why one was given up). Cancel
 * or Esc changes nothing; `confirm` runs the change and answers whether it was made.
 */
export function notRetrievableDialog(
  recordId: number,
  confirm: (reason: string) => Promise<boolean>,
): { element: HTMLDialogElement; open: () => void } {
  const id = `r${recordId}-nr`;
  // aria-required, not required: the browser's own refusal would not say why in the dialog
  const reason = h('textarea', {
    id: `${id}-reason`,
    name: 'reason',
    rows: 3,
    maxlength: 2000,
    'aria-required': 'true',
  });
  const said = h('p', { class: 'error', role: 'alert' });
  const element: HTMLDialogElement = h(
    'dialog',
    { 'aria-labelledby': `${id}-title`, class: 'confirm' },
    h(
      'form',
      {
        method: 'dialog',
        onsubmit: async (event: Event) => {
          event.preventDefault();
          const text = reason.value.trim();
          if (!text) {
            said.textContent = 'Give the reason the report could not be obtained.';
            reason.focus();
            return;
          }
          said.textContent = '';
          if (await confirm(text)) element.close();
        },
      },
      h('h2', { id: `${id}-title` }, `Mark record ${recordId} not retrievable?`),
      h(
        'p',
        {},
        'It will be counted under “reports not retrieved” in the PRISMA diagram and will not be assessed for eligibility.',
      ),
      h('label', { for: `${id}-reason` }, 'Reason it could not be obtained (required)'),
      reason,
      said,
      h(
        'p',
        { class: 'actions' },
        h('button', { type: 'submit', class: 'exclude' }, 'Mark not retrievable'),
        h('button', { type: 'button', onclick: () => element.close() }, 'Cancel'),
      ),
    ),
  );
  return {
    element,
    open() {
      said.textContent = '';
      element.showModal();
      reason.focus();
    },
  };
}
