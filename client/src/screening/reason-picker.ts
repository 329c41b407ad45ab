import { h } from '../dom';

const OTHER = '__other';

/** The exclusion reason control: the owner's list (keys 1–9 pick from it) or a reason typed in. */
export interface ReasonPicker {
  select: HTMLSelectElement;
  other: HTMLInputElement;
  /** The reason chosen or typed, or null for none. */
  chosen(): string | null;
  /** Shows the reason of a vote walked back to (a typed one goes in the text field). */
  show(reason: string | null | undefined): void;
  /** Picks the nth reason of the list (1-based); undefined when the list is shorter. */
  pick(n: number): string | undefined;
}

export function reasonPicker(reasons: readonly string[], required: boolean): ReasonPicker {
  const select = h(
    'select',
    { id: 'reason', name: 'reason' },
    h('option', { value: '' }, required ? 'Choose a reason…' : 'No reason'),
    ...reasons.map((r, i) => h('option', { value: r }, i < 9 ? `${i + 1}. ${r}` : r)),
    h('option', { value: OTHER }, 'Other (type it)…'),
  );
  const other = h('input', {
    id: 'other-reason',
    name: 'otherReason',
    maxlength: 500,
    hidden: true,
    'aria-label': 'Other exclusion reason',
  });
  select.addEventListener('change', () => {
    other.hidden = select.value !== OTHER;
    if (!other.hidden) other.focus();
  });
  return {
    select,
    other,
    chosen: () => (select.value === OTHER ? other.value.trim() || null : select.value || null),
    show(reason) {
      if (reason && reasons.includes(reason)) {
        select.value = reason;
        other.hidden = true;
      } else if (reason) {
        select.value = OTHER;
        other.hidden = false;
        other.value = reason;
      } else {
        select.value = '';
        other.hidden = true;
        other.value = '';
      }
    },
    pick(n) {
      const reason = reasons[n - 1];
      if (reason === undefined) return undefined;
      select.value = reason;
      other.hidden = true;
      return reason;
    },
  };
}
