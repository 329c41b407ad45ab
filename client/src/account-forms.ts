import { ApiError } from './api';
import { h } from './dom';

/**
 * Pieces the account pages share (setup, password link, invitation, account, admin): labelled
 * fields and a message line announced by assistive technology, placed right after its form's
 * button so the message is read where the person is.
 */

let fieldCount = 0;

/** A label and its input; `id` must be unique on the page. */
export function field(
  label: string,
  props: { id?: string; type?: string; autocomplete?: string; name?: string; value?: string } = {},
): { label: HTMLLabelElement; input: HTMLInputElement } {
  const id = props.id ?? `field-${(fieldCount += 1)}`;
  const input = h('input', {
    id,
    name: props.name ?? id,
    type: props.type ?? 'text',
    autocomplete: props.autocomplete ?? 'off',
    required: true,
    value: props.value ?? null,
  });
  return { label: h('label', { for: id }, label), input };
}

/** A polite live region for a form's outcome; errors are marked with the .error class. */
export function messageLine(): HTMLParagraphElement & { say(text: string, error?: boolean): void } {
  const line = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' }) as HTMLParagraphElement & {
    say(text: string, error?: boolean): void;
  };
  line.say = (text, error = false) => {
    line.classList.toggle('error', error);
    line.textContent = text;
  };
  return line;
}

/** What to show for a failed request: the server's message, or `fallback`. */
export function failure(error: unknown, fallback: string): string {
  return error instanceof ApiError ? error.message : fallback;
}

/** A new password and its repetition; `check()` says what is wrong, or null. */
export function newPasswordFields(prefix: string): {
  nodes: Node[];
  value(): string;
  check(): string | null;
} {
  const password = field('New password (at least 8 characters)', {
    id: `${prefix}-password`,
    type: 'password',
    autocomplete: 'new-password',
  });
  const again = field('Repeat the new password', {
    id: `${prefix}-password-again`,
    type: 'password',
    autocomplete: 'new-password',
  });
  return {
    nodes: [password.label, password.input, again.label, again.input],
    value: () => password.input.value,
    check: () => (password.input.value === again.input.value ? null : 'The two passwords differ.'),
  };
}

/** A time from the API for people: local date and time, or a dash. */
export function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** The page a one-time link shows when it cannot be used (expired, used, revoked, unknown). */
export function deadLinkCard(
  title: string,
  error: unknown,
  fallback: string,
  back: [href: string, label: string],
): HTMLElement {
  return h(
    'section',
    { class: 'card narrow' },
    h('h1', {}, title),
    h('p', { class: 'error', role: 'alert' }, failure(error, fallback)),
    h('p', {}, h('a', { href: back[0] }, back[1])),
  );
}
