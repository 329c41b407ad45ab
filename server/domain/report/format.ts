/** Small wording helpers shared by the drafted sections. */

/** "1 record", "3 records". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "a", "a and b", "a, b and c". */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A statistic to two decimals, with a true minus sign. */
export function fixed2(value: number): string {
  return value.toFixed(2).replace(/^-/, '−');
}

/** A proportion (0–1) or a percentage as "91.4%". */
export function percent(value: number, isProportion = false): string {
  return `${(isProportion ? value * 100 : value).toFixed(1)}%`;
}

/** A date as YYYY-MM-DD (UTC). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The line under the report's title, in every format. */
export function draftLine(draftedAt: Date): string {
  return `Draft report of a systematic review — drafted by Sift on ${isoDay(draftedAt)}`;
}
