import { DEFAULT_LABELS } from './template';
import { formatCount } from './text';
import type { NameN, PrismaResult } from './types';

/** One paragraph of a box: wrapped as a unit; `box` makes it a drill-down target. */
export interface Paragraph {
  text: string;
  box?: string;
  n?: number | null;
  bold?: boolean;
  indent?: number;
}

export type BoxId =
  | 'box1'
  | 'box2'
  | 'box3'
  | 'box4'
  | 'box5'
  | 'box6'
  | 'box7'
  | 'box8'
  | 'box9'
  | 'box10'
  | 'box11'
  | 'box12'
  | 'box13'
  | 'box14'
  | 'box15'
  | 'box16'
  // Sift's additions to the other-methods column (no template box): duplicates removed there,
  // and its title/abstract step when shown.
  | 'oth_removed'
  | 'oth_screened'
  | 'oth_excluded';

export interface BoxContentOptions {
  previous: boolean;
  other: boolean;
  /** List each database and register under its total. */
  perSourceDetail: boolean;
}

/** The text of every box of the template, in the template's words unless the review relabelled them. */
export function boxContents(
  result: Pick<PrismaResult, 'model' | 'labels'>,
  options: BoxContentOptions,
): Record<BoxId, Paragraph[]> {
  const m = result.model;
  const label = (key: string, fallback?: string) =>
    result.labels[key] ?? fallback ?? DEFAULT_LABELS[key] ?? key;
  const counted = (key: keyof typeof m & string, text: string, indent = 0): Paragraph => ({
    text: `${text} ${nOf(m[key] as number | null)}`,
    box: key,
    n: m[key] as number | null,
    indent,
  });
  const optional = (key: keyof typeof m & string, text: string, indent = 0): Paragraph[] =>
    m[key] === null ? [] : [counted(key, text, indent)];
  const detail = (key: string, items: readonly NameN[], indent: number): Paragraph[] =>
    items.map((item) => ({
      text: `${item.name} ${nOf(item.n)}`,
      box: `${key}:${item.name}`,
      n: item.n,
      indent,
    }));
  const reasonsBox = (
    key: 'dbr_excluded' | 'other_excluded' | 'records_excluded' | 'other_records_excluded',
    reasons: readonly NameN[],
  ): Paragraph[] => {
    const head = counted(key, label(key));
    if (reasons.length === 0) return [head];
    return [{ ...head, text: `${head.text}:` }, ...detail(key, reasons, 1)];
  };
  const newReview = !options.previous;

  return {
    box1: [
      ...optional('previous_studies', label('previous_studies')),
      ...optional('previous_reports', label('previous_reports')),
    ],
    box2: [
      { text: 'Records identified from:' },
      ...optional('database_results', label('database_results'), 1),
      ...(options.perSourceDetail ? detail('database_specific_results', m.database_specific_results, 2) : []),
      ...optional('register_results', label('register_results'), 1),
      ...(options.perSourceDetail ? detail('register_specific_results', m.register_specific_results, 2) : []),
    ],
    box3: [
      { text: 'Records removed before screening:' },
      ...optional('duplicates', label('duplicates'), 1),
      ...optional('excluded_automatic', label('excluded_automatic'), 1),
      ...optional('excluded_other', label('excluded_other'), 1),
      ...detail('excluded_other', m.excluded_other_reasons, 2),
    ],
    box4: [counted('records_screened', label('records_screened'))],
    box5: reasonsBox('records_excluded', m.records_excluded_reasons),
    box6: [counted('dbr_sought_reports', label('dbr_sought_reports'))],
    box7: [counted('dbr_notretrieved_reports', label('dbr_notretrieved_reports'))],
    box8: [counted('dbr_assessed', label('dbr_assessed'))],
    box9: reasonsBox('dbr_excluded', m.dbr_excluded_reasons),
    box10: [
      counted('new_studies', label('new_studies', newReview ? 'Studies included in review' : undefined)),
      counted('new_reports', label('new_reports', newReview ? 'Reports of included studies' : undefined)),
    ],
    box11: [
      { text: 'Records identified from:' },
      ...optional('website_results', label('website_results'), 1),
      ...optional('organisation_results', label('organisation_results'), 1),
      ...optional('citations_results', label('citations_results'), 1),
    ],
    box12: [counted('other_sought_reports', label('other_sought_reports'))],
    box13: [counted('other_notretrieved_reports', label('other_notretrieved_reports'))],
    box14: [counted('other_assessed', label('other_assessed'))],
    box15: reasonsBox('other_excluded', m.other_excluded_reasons),
    box16: [
      counted('total_studies', label('total_studies')),
      counted('total_reports', label('total_reports')),
    ],
    oth_removed: [
      {
        text:
          m.other_records_screened === null
            ? 'Records removed before retrieval:'
            : 'Records removed before screening:',
      },
      ...optional('other_duplicates', label('other_duplicates'), 1),
      ...optional('other_excluded_other', label('other_excluded_other'), 1),
      ...detail('other_excluded_other', m.other_excluded_other_reasons, 2),
    ],
    oth_screened: [counted('other_records_screened', label('other_records_screened'))],
    oth_excluded: reasonsBox('other_records_excluded', m.other_records_excluded_reasons),
  };
}

/** "(n = 1,234)" with no-break spaces, so a wrapped line never separates a count from its "n =". */
function nOf(n: number | null): string {
  return `(n\u00a0=\u00a0${formatCount(n)})`;
}
