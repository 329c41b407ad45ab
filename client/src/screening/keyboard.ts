import { keyCommand, type KeyCommand } from './keys';

/**
 * Listens for the screening shortcuts while `content` is on the page. Keys typed into a field
 * stay there (Esc leaves the field); nothing fires with a modifier or while the help is open.
 * `run` answers false for a shortcut that does not apply, so the key keeps its default.
 */
export function listenForShortcuts(
  content: HTMLElement,
  help: HTMLDialogElement,
  run: (command: KeyCommand) => boolean,
): void {
  const onKey = (event: KeyboardEvent) => {
    if (!content.isConnected) {
      document.removeEventListener('keydown', onKey);
      return;
    }
    const target = event.target as HTMLElement;
    const typing =
      target.matches('input, textarea, select') && !target.matches('input[type=checkbox], input[type=radio]');
    if (typing) {
      if (event.key === 'Escape') {
        target.blur();
        event.preventDefault();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || help.open) return;
    const command = keyCommand(event.key);
    if (!command || !run(command)) return;
    event.preventDefault();
  };
  document.addEventListener('keydown', onKey);
}
