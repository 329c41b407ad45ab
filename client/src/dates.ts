/** A moment as a person reads it, in their own language: "4 December 2026 at 22:46". */
export function humanDateTime(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short' });
}
