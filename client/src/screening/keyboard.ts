import { keyCommand, type KeyCommand } from './keys';

/** Input types whose keys are not typed text: shortcuts work while they have focus. */
const NOT_TEXT = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'file',
  'range',
  'color',
  'image',
]);

/** Whether keys pressed in `el` are text being typed (a text field, a note, a page number). */
export function isTextEntry(el: Element | null): boolean {
  if (el instanceof HTMLTextAreaElement) return true;
  if (el instanceof HTMLInputElement) return !NOT_TEXT.has(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

/**
 * Listens for the screening shortcuts while `content` is on the page. They work from every
 * control but text fields (a list, a button, a checkbox: a focused reason list never swallows
 * 2 or E); keys typed into a field stay there. Esc, from anywhere, returns to the record
 * (`toRecord`). Nothing fires with a modifier or while the help is open (it closes itself on
 * Esc). `run` answers false for a shortcut that does not apply, so the key keeps its default.
 */
export function listenForShortcuts(
  content: HTMLElement,
  help: HTMLDialogElement,
  run: (command: KeyCommand) => boolean,
  toRecord: () => void,
): void {
  const onKey = (event: KeyboardEvent) => {
    if (!content.isConnected) {
      document.removeEventListener('keydown', onKey);
      return;
    }
    if (help.open || event.defaultPrevented) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      toRecord();
      return;
    }
    if (isTextEntry(event.target as Element) || event.ctrlKey || event.metaKey || event.altKey) return;
    const command = keyCommand(event.key);
    if (!command || !run(command)) return;
    // also keeps a focused list's type-ahead from taking the key
    event.preventDefault();
  };
  document.addEventListener('keydown', onKey);
}
