import { NUMERIC_KEYS, type PrismaModel, type PrismaWarning } from './types';

export interface InvariantContext {
  /** Reports included per column when the review recorded them; otherwise assessed − excluded is used. */
  dbrIncluded: number | null;
  otherIncluded: number | null;
  hasOther: boolean;
  /** Records and reports still waiting for a decision at each step (0 when none). */
  pending: PendingCounts;
}

export interface PendingCounts {
  screening: number;
  dbrRetrieval: number;
  dbrEligibility: number;
  otherScreening: number;
  otherRetrieval: number;
  otherEligibility: number;
}

/**
 * Checks that every count of the diagram adds up, column by column, and explains each
 * mismatch in words a reviewer can act on. Counts that are not reported (null) are not checked.
 */
export function checkInvariants(m: PrismaModel, ctx: InvariantContext): PrismaWarning[] {
  const warnings: PrismaWarning[] = [];
  const warn = (code: string, keys: string[], message: string) => warnings.push({ code, message, keys });

  for (const key of NUMERIC_KEYS) {
    const value = m[key];
    if (value !== null && value < 0)
      warn(
        'negative_count',
        [key],
        `${key} is negative (${value}): the counts it is derived from do not add up.`,
      );
  }

  checkDetail(
    m.database_results,
    m.database_specific_results,
    'database_results',
    'records identified from databases',
    warn,
  );
  checkDetail(
    m.register_results,
    m.register_specific_results,
    'register_results',
    'records identified from registers',
    warn,
  );
  checkReasons(m.records_excluded, m.records_excluded_reasons, 'records_excluded', warn);
  checkReasons(m.dbr_excluded, m.dbr_excluded_reasons, 'dbr_excluded', warn);
  checkReasons(m.other_excluded, m.other_excluded_reasons, 'other_excluded', warn);
  checkReasons(m.other_records_excluded, m.other_records_excluded_reasons, 'other_records_excluded', warn);

  const identified = known(m.database_results, m.register_results);
  const removed = known(m.duplicates, m.excluded_automatic, m.excluded_other) ?? 0;
  if (identified !== null && m.records_screened !== null && identified - removed !== m.records_screened) {
    warn(
      'screened_mismatch',
      [
        'database_results',
        'register_results',
        'duplicates',
        'excluded_automatic',
        'excluded_other',
        'records_screened',
      ],
      `Records identified from databases and registers (${identified}) minus records removed before screening (${removed}) is ${identified - removed}, but records screened is ${m.records_screened}.`,
    );
  }
  if (m.records_screened !== null && m.records_excluded !== null && m.dbr_sought_reports !== null) {
    const expected = m.records_screened - m.records_excluded - ctx.pending.screening;
    if (expected !== m.dbr_sought_reports) {
      warn(
        'sought_mismatch',
        ['records_screened', 'records_excluded', 'dbr_sought_reports'],
        `Records screened (${m.records_screened}) minus records excluded (${m.records_excluded})${pendingText(ctx.pending.screening, 'still being screened')} is ${expected}, but reports sought for retrieval is ${m.dbr_sought_reports}.`,
      );
    }
  }
  const dbrIncluded = checkColumn(
    m,
    'dbr',
    'databases and registers',
    ctx.dbrIncluded,
    ctx.pending.dbrRetrieval,
    ctx.pending.dbrEligibility,
    warn,
  );
  let otherIncluded: number | null = null;
  if (ctx.hasOther) {
    checkOtherBeforeRetrieval(m, ctx.pending.otherScreening, warn);
    otherIncluded = checkColumn(
      m,
      'other',
      'other methods',
      ctx.otherIncluded,
      ctx.pending.otherRetrieval,
      ctx.pending.otherEligibility,
      warn,
    );
  }

  const includedReports = ctx.hasOther ? known(dbrIncluded, otherIncluded) : dbrIncluded;
  if (includedReports !== null && m.new_reports !== null && includedReports !== m.new_reports) {
    warn(
      'new_reports_mismatch',
      ['dbr_assessed', 'dbr_excluded', 'other_assessed', 'other_excluded', 'new_reports'],
      `Reports assessed minus reports excluded add up to ${includedReports} included reports${ctx.hasOther ? ` (${dbrIncluded ?? 0} from databases and registers, ${otherIncluded ?? 0} from other methods)` : ''}, but reports of new included studies is ${m.new_reports}.`,
    );
  }
  if (m.new_studies !== null && m.new_reports !== null && m.new_studies > m.new_reports) {
    warn(
      'studies_exceed_reports',
      ['new_studies', 'new_reports'],
      `New studies included (${m.new_studies}) exceed the reports of new included studies (${m.new_reports}); every study has at least one report.`,
    );
  }
  checkTotal(m.total_studies, m.previous_studies, m.new_studies, 'studies', warn);
  checkTotal(m.total_reports, m.previous_reports, m.new_reports, 'reports', warn);
  return warnings;
}

type Warn = (code: string, keys: string[], message: string) => void;

/**
 * Other methods, identification to retrieval: identified − duplicates − removed for other
 * reasons = screened (when the title/abstract step is shown); screened − excluded = sought;
 * without the step, identified − duplicates − removed = sought. Records still awaiting a title/abstract decision are allowed for.
 */
function checkOtherBeforeRetrieval(m: PrismaModel, pendingScreening: number, warn: Warn): void {
  const identified = known(m.website_results, m.organisation_results, m.citations_results);
  const sought = m.other_sought_reports;
  if (identified === null || sought === null) return;
  // Duplicates and records an eligibility rule removed leave the column before screening alike.
  const removedOther = m.other_excluded_other ?? 0;
  const duplicates = (m.other_duplicates ?? 0) + removedOther;
  const identifiedKeys = [
    'website_results',
    'organisation_results',
    'citations_results',
    'other_duplicates',
    'other_excluded_other',
  ];
  const minusDuplicates =
    removedOther > 0
      ? `Records identified by other methods (${identified}) minus duplicates and records removed for other reasons (${duplicates})`
      : `Records identified by other methods (${identified}) minus duplicates removed (${duplicates})`;
  if (m.other_records_screened === null) {
    const expected = identified - duplicates - pendingScreening;
    if (expected !== sought) {
      warn(
        'other_sought_mismatch',
        [...identifiedKeys, 'other_sought_reports'],
        `${minusDuplicates}${pendingText(pendingScreening, 'still being screened')} is ${expected}, but reports sought for retrieval in that column is ${sought}; the PRISMA 2020 template has no screening box for other methods, so records screened out there are not shown.`,
      );
    }
    return;
  }
  if (identified - duplicates !== m.other_records_screened) {
    warn(
      'other_screened_mismatch',
      [...identifiedKeys, 'other_records_screened'],
      `${minusDuplicates} is ${identified - duplicates}, but records screened in that column is ${m.other_records_screened}.`,
    );
  }
  const expected = m.other_records_screened - (m.other_records_excluded ?? 0) - pendingScreening;
  if (expected !== sought) {
    warn(
      'other_sought_mismatch',
      ['other_records_screened', 'other_records_excluded', 'other_sought_reports'],
      `Other methods: records screened (${m.other_records_screened}) minus records excluded (${m.other_records_excluded ?? 0})${pendingText(pendingScreening, 'still being screened')} is ${expected}, but reports sought for retrieval is ${sought}.`,
    );
  }
}

/** sought − not retrieved = assessed; assessed − excluded = included. Returns the column's included reports. */
function checkColumn(
  m: PrismaModel,
  prefix: 'dbr' | 'other',
  label: string,
  recordedIncluded: number | null,
  pendingRetrieval: number,
  pendingEligibility: number,
  warn: Warn,
): number | null {
  const sought = m[`${prefix}_sought_reports`];
  const notRetrieved = m[`${prefix}_notretrieved_reports`];
  const assessed = m[`${prefix}_assessed`];
  const excluded = m[`${prefix}_excluded`];
  const expectedAssessed = sought === null ? null : sought - (notRetrieved ?? 0) - pendingRetrieval;
  if (expectedAssessed !== null && assessed !== null && expectedAssessed !== assessed) {
    warn(
      `${prefix}_assessed_mismatch`,
      [`${prefix}_sought_reports`, `${prefix}_notretrieved_reports`, `${prefix}_assessed`],
      `${capitalise(label)}: reports sought (${sought}) minus reports not retrieved (${notRetrieved ?? 0})${pendingText(pendingRetrieval, 'awaiting retrieval')} is ${expectedAssessed}, but reports assessed for eligibility is ${assessed}.`,
    );
  }
  const derived = assessed !== null ? assessed - (excluded ?? 0) - pendingEligibility : null;
  if (recordedIncluded !== null && derived !== null && recordedIncluded !== derived) {
    warn(
      `${prefix}_included_mismatch`,
      [`${prefix}_assessed`, `${prefix}_excluded`],
      `${capitalise(label)}: reports assessed (${assessed}) minus reports excluded (${excluded ?? 0})${pendingText(pendingEligibility, 'awaiting a decision')} is ${derived}, but ${recordedIncluded} reports were included.`,
    );
  }
  return recordedIncluded ?? derived;
}

function pendingText(n: number, what: string): string {
  return n ? ` minus ${n} ${what}` : '';
}

function checkDetail(
  total: number | null,
  detail: readonly { n: number }[],
  key: string,
  label: string,
  warn: Warn,
): void {
  if (total === null || detail.length === 0) return;
  const sum = detail.reduce((acc, d) => acc + d.n, 0);
  if (sum !== total)
    warn(
      `${key}_detail_mismatch`,
      [key],
      `The per-source counts of ${label} add up to ${sum}, but the total is ${total}.`,
    );
}

function checkReasons(
  total: number | null,
  reasons: readonly { n: number }[],
  key: string,
  warn: Warn,
): void {
  if (total === null || reasons.length === 0) return;
  const sum = reasons.reduce((acc, r) => acc + r.n, 0);
  if (sum > total)
    warn(
      'reasons_exceed',
      [key],
      `The reasons for ${key} add up to ${sum}, more than the ${total} excluded.`,
    );
}

function checkTotal(
  total: number | null,
  previous: number | null,
  added: number | null,
  what: string,
  warn: Warn,
): void {
  if (total === null || added === null) return;
  const expected = (previous ?? 0) + added;
  if (expected !== total) {
    warn(
      `total_${what}_mismatch`,
      [`total_${what}`, `previous_${what}`, `new_${what}`],
      `Total ${what} included (${total}) should be ${what} of the previous version (${previous ?? 0}) plus new ${what} (${added}) = ${expected}.`,
    );
  }
}

function known(...values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? present.reduce((a, b) => a + b, 0) : null;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
