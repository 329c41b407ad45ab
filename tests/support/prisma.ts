import type { ReviewSource } from '../../server/domain/prisma/from-review';

/** Two databases, a register and citation searching: the sources of the pure PRISMA examples. */
export const EXAMPLE_SOURCES: readonly ReviewSource[] = [
  { id: 1, name: 'Embase', kind: 'database' },
  { id: 2, name: 'PubMed', kind: 'database' },
  { id: 3, name: 'ClinicalTrials.gov', kind: 'register' },
  { id: 4, name: 'Citation searching', kind: 'other' },
];

/**
 * The boxes where a record's path through the PRISMA diagram ends: removed before screening,
 * excluded at title/abstract, not retrieved, excluded at full text, included as a report of a
 * study, or still waiting at one of the steps (pending). Written out here, from the template
 * and docs/notes/prisma.md, rather than read from the code it checks.
 */
export const END_BOXES = [
  'duplicates',
  'other_duplicates',
  'other_excluded_other',
  'excluded_automatic',
  'excluded_other',
  'records_excluded',
  'other_records_excluded',
  'dbr_notretrieved_reports',
  'other_notretrieved_reports',
  'dbr_excluded',
  'other_excluded',
  'new_reports',
  'pending:screening',
  'pending:dbrRetrieval',
  'pending:dbrEligibility',
  'pending:otherScreening',
  'pending:otherRetrieval',
  'pending:otherEligibility',
] as const;

/**
 * Every record id that is not in exactly one end box of the trace, with the boxes it is in
 * (an empty list: each record ends in exactly one box). Ids in end boxes that are not among
 * `recordIds` are reported too.
 */
export function recordsInExactlyOneEndBox(
  trace: Record<string, readonly number[]>,
  recordIds: readonly number[],
): { id: number; boxes: string[] }[] {
  const boxesOf = new Map<number, string[]>(recordIds.map((id) => [id, []]));
  for (const box of END_BOXES) {
    for (const id of trace[box] ?? []) {
      const list = boxesOf.get(id) ?? [];
      list.push(box);
      boxesOf.set(id, list);
    }
  }
  return [...boxesOf]
    .filter(([id, boxes]) => boxes.length !== 1 || !recordIds.includes(id))
    .map(([id, boxes]) => ({ id, boxes }));
}

interface FlowResult {
  model: Record<string, number | null | readonly { n: number }[]>;
  trace: Record<string, readonly number[]>;
  warnings: readonly { code: string }[];
}

/**
 * Every way the diagram fails to add up, column by column, in words (an empty list: it adds
 * up). Work in progress is allowed for by the pending lists of the trace; any warning other
 * than a pending one or a missing exclusion reason (a gap in the record, not in the sums) is a
 * failure too. Computed here from the numbers alone, not by the
 * checks the code runs on itself.
 */
export function flowViolations(result: FlowResult): string[] {
  const m = result.model;
  const n = (key: string): number => {
    const value = m[key];
    if (Array.isArray(value)) throw new Error(`${key} is a list`);
    return (value as number | null) ?? 0;
  };
  const sum = (key: string) => ((m[key] ?? []) as readonly { n: number }[]).reduce((a, r) => a + r.n, 0);
  const pending = (step: string) => result.trace[`pending:${step}`]?.length ?? 0;
  const out: string[] = [];
  const same = (what: string, left: number, right: number) => {
    if (left !== right) out.push(`${what}: ${left} ≠ ${right}`);
  };
  same(
    'databases and registers: identified − removed = screened',
    n('database_results') +
      n('register_results') -
      n('duplicates') -
      n('excluded_automatic') -
      n('excluded_other'),
    n('records_screened'),
  );
  same(
    'databases and registers: screened − excluded − awaiting = sought',
    n('records_screened') - n('records_excluded') - pending('screening'),
    n('dbr_sought_reports'),
  );
  const otherIdentified = n('website_results') + n('organisation_results') + n('citations_results');
  const otherRemoved = n('other_duplicates') + n('other_excluded_other');
  if (m.other_records_screened === null || m.other_records_screened === undefined) {
    same(
      'other methods: identified − removed − awaiting = sought',
      otherIdentified - otherRemoved - pending('otherScreening'),
      n('other_sought_reports'),
    );
  } else {
    same(
      'other methods: identified − removed = screened',
      otherIdentified - otherRemoved,
      n('other_records_screened'),
    );
    same(
      'other methods: screened − excluded − awaiting = sought',
      n('other_records_screened') - n('other_records_excluded') - pending('otherScreening'),
      n('other_sought_reports'),
    );
  }
  for (const [column, label] of [
    ['dbr', 'databases and registers'],
    ['other', 'other methods'],
  ] as const) {
    const retrieval = column === 'dbr' ? 'dbrRetrieval' : 'otherRetrieval';
    same(
      `${label}: sought − not retrieved − awaiting = assessed`,
      n(`${column}_sought_reports`) - n(`${column}_notretrieved_reports`) - pending(retrieval),
      n(`${column}_assessed`),
    );
    if (n(`${column}_excluded`) > 0 || sum(`${column}_excluded_reasons`) > 0)
      same(
        `${label}: reasons = reports excluded`,
        sum(`${column}_excluded_reasons`),
        n(`${column}_excluded`),
      );
  }
  same(
    'assessed − excluded − awaiting, both columns = reports of included studies',
    n('dbr_assessed') -
      n('dbr_excluded') -
      pending('dbrEligibility') +
      n('other_assessed') -
      n('other_excluded') -
      pending('otherEligibility'),
    n('new_reports'),
  );
  if (n('new_studies') > n('new_reports')) out.push('more studies than reports');
  same('total studies = previous + new', n('previous_studies') + n('new_studies'), n('total_studies'));
  same('total reports = previous + new', n('previous_reports') + n('new_reports'), n('total_reports'));
  for (const key of ['records_excluded', 'other_records_excluded', 'excluded_other', 'other_excluded_other'])
    if (sum(`${key}_reasons`) > 0) same(`${key}: reasons = excluded`, sum(`${key}_reasons`), n(key));
  for (const w of result.warnings)
    if (!w.code.startsWith('pending_') && w.code !== 'reasons_missing') out.push(`warning ${w.code}`);
  return out;
}
