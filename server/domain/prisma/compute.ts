import { ValidationError } from '../errors';
import { checkInvariants, type PendingCounts } from './invariants';
import { groupSources, otherMethodOf, type SourceGroup } from './sources';
import type {
  Count,
  NameN,
  NamedCount,
  PrismaInput,
  PrismaModel,
  PrismaResult,
  PrismaWarning,
  TraceIds,
} from './types';

/** The name under which excluded reports without a recorded reason are counted, so reasons add up. */
export const UNRECORDED_REASON = 'Reason not recorded';

/** Computes the PRISMA 2020 model, its trace and its consistency warnings from what the review knows. */
export function computePrisma(input: PrismaInput): PrismaResult {
  validateInput(input);
  const trace: Record<string, TraceIds> = {};
  const warnings: PrismaWarning[] = [];
  const put = (key: string, ids: TraceIds | undefined) => {
    if (ids) trace[key] = ids;
  };
  const take = (key: string, count: Count | undefined): number | null => {
    if (!count) return null;
    put(key, count.ids);
    return count.n;
  };

  const known = input.identified ?? {};
  const databases = withTotal(
    groupSources(input.sources.filter((s) => s.kind === 'database')),
    known.databases,
  );
  const registers = withTotal(
    groupSources(input.sources.filter((s) => s.kind === 'register')),
    known.registers,
  );
  const others = input.sources.filter((s) => s.kind === 'other');
  const websites = withTotal(
    groupSources(others.filter((s) => otherMethodOf(s) === 'website')),
    known.websites,
  );
  const organisations = withTotal(
    groupSources(others.filter((s) => otherMethodOf(s) === 'organisation')),
    known.organisations,
  );
  const citations = withTotal(
    groupSources(others.filter((s) => otherMethodOf(s) === 'citation')),
    known.citations,
  );
  put('database_results', databases.ids);
  put('register_results', registers.ids);
  put('website_results', websites.ids);
  put('organisation_results', organisations.ids);
  put('citations_results', citations.ids);
  for (const [name, ids] of databases.detailIds) put(`database_specific_results:${name}`, ids);
  for (const [name, ids] of registers.detailIds) put(`register_specific_results:${name}`, ids);

  const duplicates = take('duplicates', input.removed?.duplicates);
  const automatic = take('excluded_automatic', input.removed?.automation);
  const removedOtherCount = excludedWithReasons('excluded_other', input.removed?.other, put, warnings);
  const removedOther = removedOtherCount.n;
  const identified = sumKnown([databases.total, registers.total]);
  const removed = sumKnown([duplicates, automatic, removedOther], 0);
  const screened = take('records_screened', input.screened) ?? minus(identified, removed);

  const recordsExcluded = excludedWithReasons('records_excluded', input.screeningExcluded, put, warnings);
  const dbr = reportsColumn('dbr', input.databases, minus(screened, recordsExcluded.n), put, warnings);
  const otherIdentified = sumKnown([websites.total, organisations.total, citations.total]);
  const otherBefore = otherBeforeRetrieval(input, otherIdentified, put, warnings);
  const other = reportsColumn('other', input.otherMethods, otherBefore.inflow, put, warnings);

  const hasOther = (otherIdentified ?? 0) > 0 || (other.sought ?? 0) > 0;
  const newStudies = take('new_studies', input.included?.studies);
  const newReports =
    take('new_reports', input.included?.reports) ??
    sumKnown(hasOther ? [dbr.included, other.included] : [dbr.included]);
  const previousStudies = take('previous_studies', input.previous?.studies);
  const previousReports = take('previous_reports', input.previous?.reports);
  const hasPrevious = (previousStudies ?? 0) > 0 || (previousReports ?? 0) > 0;
  const totalStudies =
    take('total_studies', input.totals?.studies) ?? sumKnown([previousStudies, newStudies]);
  const totalReports =
    take('total_reports', input.totals?.reports) ?? sumKnown([previousReports, newReports]);
  if (!input.totals?.studies) put('total_studies', joinIds(input.previous?.studies, input.included?.studies));
  if (!input.totals?.reports) put('total_reports', joinIds(input.previous?.reports, input.included?.reports));

  const model: PrismaModel = {
    previous_studies: previousStudies,
    previous_reports: previousReports,
    database_results: databases.total,
    register_results: registers.total,
    website_results: websites.total,
    organisation_results: organisations.total,
    citations_results: citations.total,
    duplicates,
    excluded_automatic: automatic,
    excluded_other: removedOther,
    records_screened: screened,
    records_excluded: recordsExcluded.n,
    dbr_sought_reports: dbr.sought,
    dbr_notretrieved_reports: dbr.notRetrieved,
    other_sought_reports: other.sought,
    other_notretrieved_reports: other.notRetrieved,
    dbr_assessed: dbr.assessed,
    dbr_excluded: dbr.excluded,
    other_assessed: other.assessed,
    other_excluded: other.excluded,
    other_duplicates: otherBefore.duplicates,
    other_excluded_other: otherBefore.removedOther,
    other_records_screened: otherBefore.screened,
    other_records_excluded: otherBefore.excluded,
    new_studies: newStudies,
    new_reports: newReports,
    total_studies: totalStudies,
    total_reports: totalReports,
    total_studies_ma: take('total_studies_ma', input.metaAnalysis?.studies),
    total_reports_ma: take('total_reports_ma', input.metaAnalysis?.reports),
    database_specific_results: databases.detail,
    register_specific_results: registers.detail,
    records_excluded_reasons: recordsExcluded.reasons,
    dbr_excluded_reasons: dbr.reasons,
    other_excluded_reasons: other.reasons,
    other_records_excluded_reasons: otherBefore.reasons,
    excluded_other_reasons: removedOtherCount.reasons,
    other_excluded_other_reasons: otherBefore.removedOtherReasons,
  };
  const pending = pendingCounts(input, put, warnings);
  warnings.push(
    ...checkInvariants(model, {
      dbrIncluded: input.databases?.included?.n ?? null,
      otherIncluded: input.otherMethods?.included?.n ?? null,
      hasOther,
      pending,
    }),
  );
  return {
    model,
    labels: { ...(input.labels ?? {}) },
    trace,
    warnings,
    hints: { previous: hasPrevious, other: hasOther },
  };
}

const PENDING_TEXT = {
  screening: (n: number) =>
    `${records(n)} from databases and registers ${n === 1 ? 'awaits' : 'await'} a title/abstract decision (votes missing or in conflict): screened, but neither excluded nor sought yet.`,
  dbrRetrieval: (n: number) =>
    `${reports(n)} from databases and registers ${n === 1 ? 'is' : 'are'} sought but neither retrieved nor marked not retrievable yet.`,
  dbrEligibility: (n: number) =>
    `${reports(n)} from databases and registers ${n === 1 ? 'awaits' : 'await'} a full-text decision.`,
  otherScreening: (n: number) =>
    `${records(n)} from other methods ${n === 1 ? 'awaits' : 'await'} a title/abstract decision.`,
  otherRetrieval: (n: number) =>
    `${reports(n)} from other methods ${n === 1 ? 'is' : 'are'} sought but neither retrieved nor marked not retrievable yet.`,
  otherEligibility: (n: number) =>
    `${reports(n)} from other methods ${n === 1 ? 'awaits' : 'await'} a full-text decision.`,
} as const;

const records = (n: number) => `${n} ${n === 1 ? 'record' : 'records'}`;
const reports = (n: number) => `${n} ${n === 1 ? 'report' : 'reports'}`;

/** Work in progress, as warnings and as the allowances the sums make for it. */
function pendingCounts(input: PrismaInput, put: Put, warnings: PrismaWarning[]): PendingCounts {
  const out: PendingCounts = {
    screening: 0,
    dbrRetrieval: 0,
    dbrEligibility: 0,
    otherScreening: 0,
    otherRetrieval: 0,
    otherEligibility: 0,
  };
  for (const key of Object.keys(PENDING_TEXT) as (keyof PendingCounts)[]) {
    const count = input.pending?.[key];
    if (!count || count.n === 0) continue;
    out[key] = count.n;
    put(`pending:${key}`, count.ids);
    warnings.push({ code: `pending_${key}`, message: PENDING_TEXT[key](count.n), keys: [`pending:${key}`] });
  }
  return out;
}

/**
 * The other-methods column between identification and retrieval: duplicates removed, then the
 * title/abstract step when it is shown (see OtherScreening). Returns what flows on to "Reports
 * sought for retrieval" when the review does not say.
 */
function otherBeforeRetrieval(
  input: PrismaInput,
  identified: number | null,
  put: Put,
  warnings: PrismaWarning[],
): {
  duplicates: number | null;
  removedOther: number | null;
  removedOtherReasons: NameN[];
  screened: number | null;
  excluded: number | null;
  reasons: NameN[];
  inflow: number | null;
} {
  const column = input.otherMethods;
  const duplicates = column?.duplicates ? column.duplicates.n : null;
  if (column?.duplicates) put('other_duplicates', column.duplicates.ids);
  const removed = excludedWithReasons('other_excluded_other', column?.removedOther, put, warnings);
  const afterDuplicates = minus(identified, (duplicates ?? 0) + (removed.n ?? 0));
  const removedPart = { duplicates, removedOther: removed.n, removedOtherReasons: removed.reasons };
  const step = column?.screeningExcluded;
  const shown = step !== undefined && ((input.otherScreening ?? 'auto') === 'always' || step.n > 0);
  if (!shown) return { ...removedPart, screened: null, excluded: null, reasons: [], inflow: afterDuplicates };
  const screened = column?.screened ? column.screened.n : afterDuplicates;
  if (column?.screened) put('other_records_screened', column.screened.ids);
  const excluded = excludedWithReasons('other_records_excluded', step, put, warnings);
  return {
    ...removedPart,
    screened,
    excluded: excluded.n,
    reasons: excluded.reasons,
    inflow: minus(screened, excluded.n),
  };
}

/** A row's total given outright replaces the sum of its sources (the detail is kept and checked). */
function withTotal(group: SourceGroup, total: Count | undefined): SourceGroup {
  return total ? { ...group, total: total.n, ids: total.ids ?? group.ids } : group;
}

interface ColumnCounts {
  sought: number | null;
  notRetrieved: number | null;
  assessed: number | null;
  excluded: number | null;
  reasons: NameN[];
  /** Reports of the column that were included: given, or assessed − excluded. */
  included: number | null;
}

type Put = (key: string, ids: TraceIds | undefined) => void;

/** One column's reports stage; sought defaults to what flowed in from above. */
function reportsColumn(
  prefix: 'dbr' | 'other',
  column: PrismaInput['databases'],
  inflow: number | null,
  put: Put,
  warnings: PrismaWarning[],
): ColumnCounts {
  const read = (key: string, count: Count | undefined) => {
    if (!count) return null;
    put(key, count.ids);
    return count.n;
  };
  const sought = read(`${prefix}_sought_reports`, column?.sought) ?? (column ? inflow : null);
  const notRetrieved = read(`${prefix}_notretrieved_reports`, column?.notRetrieved);
  const assessed = read(`${prefix}_assessed`, column?.assessed) ?? minus(sought, notRetrieved ?? 0);
  const excluded = excludedWithReasons(`${prefix}_excluded`, column?.excluded, put, warnings);
  const included = column?.included?.n ?? minus(assessed, excluded.n ?? 0);
  return { sought, notRetrieved, assessed, excluded: excluded.n, reasons: excluded.reasons, included };
}

/**
 * An exclusion count and its reasons. Reasons that fall short of the count are completed with
 * UNRECORDED_REASON (and a warning), so the diagram's reasons always add up to its total.
 */
function excludedWithReasons(
  key: string,
  excluded: (Count & { reasons?: readonly NamedCount[] }) | undefined,
  put: Put,
  warnings: PrismaWarning[],
): { n: number | null; reasons: NameN[] } {
  if (!excluded) return { n: null, reasons: [] };
  put(key, excluded.ids);
  const reasons: NameN[] = [];
  let sum = 0;
  for (const reason of excluded.reasons ?? []) {
    reasons.push({ name: reason.name, n: reason.n });
    put(`${key}:${reason.name}`, reason.ids);
    sum += reason.n;
  }
  // A list of reasons that falls short (even an empty one) is completed; no list at all is left alone.
  if (excluded.reasons && sum < excluded.n) {
    const missing = excluded.n - sum;
    reasons.push({ name: UNRECORDED_REASON, n: missing });
    warnings.push({
      code: 'reasons_missing',
      message: `${missing} of ${excluded.n} ${describe(key)} have no recorded reason; PRISMA 2020 asks for a reason for every exclusion.`,
      keys: [key],
    });
  }
  return { n: excluded.n, reasons };
}

function describe(key: string): string {
  if (key === 'records_excluded') return 'records excluded at title/abstract';
  if (key === 'excluded_other' || key === 'other_excluded_other') return 'records removed for other reasons';
  if (key === 'other_records_excluded') return 'records from other methods excluded at title/abstract';
  return 'reports excluded at full text';
}

function validateInput(input: PrismaInput): void {
  const check = (what: string, count: Count | undefined) => {
    if (!count) return;
    if (!Number.isSafeInteger(count.n) || count.n < 0) {
      throw new ValidationError(`${what}: a count must be a whole number ≥ 0, got ${String(count.n)}`);
    }
    if (count.ids && count.ids.length !== count.n) {
      throw new ValidationError(`${what}: ${count.ids.length} traced ids for a count of ${count.n}`);
    }
  };
  input.sources.forEach((s) => check(`source "${s.name}"`, s));
  for (const [row, count] of Object.entries(input.identified ?? {})) check(`identified from ${row}`, count);
  check('duplicates', input.removed?.duplicates);
  check('marked ineligible by automation', input.removed?.automation);
  check('removed for other reasons', input.removed?.other);
  check('records screened', input.screened);
  check('records excluded', input.screeningExcluded);
  check('other methods: duplicates', input.otherMethods?.duplicates);
  check('other methods: removed for other reasons', input.otherMethods?.removedOther);
  input.removed?.other?.reasons?.forEach((r) => check(`removed for other reasons: "${r.name}"`, r));
  input.otherMethods?.removedOther?.reasons?.forEach((r) =>
    check(`other methods: removed for other reasons: "${r.name}"`, r),
  );
  check('other methods: records screened', input.otherMethods?.screened);
  check('other methods: records excluded', input.otherMethods?.screeningExcluded);
  input.otherMethods?.screeningExcluded?.reasons?.forEach((r) =>
    check(`other methods: screening reason "${r.name}"`, r),
  );
  input.screeningExcluded?.reasons?.forEach((r) => check(`screening reason "${r.name}"`, r));
  for (const [name, column] of [
    ['databases and registers', input.databases],
    ['other methods', input.otherMethods],
  ] as const) {
    check(`${name}: reports sought`, column?.sought);
    check(`${name}: reports not retrieved`, column?.notRetrieved);
    check(`${name}: reports assessed`, column?.assessed);
    check(`${name}: reports excluded`, column?.excluded);
    check(`${name}: reports included`, column?.included);
    column?.excluded?.reasons?.forEach((r) => check(`${name}: reason "${r.name}"`, r));
  }
  for (const [step, count] of Object.entries(input.pending ?? {})) check(`pending ${step}`, count);
  check('new studies', input.included?.studies);
  check('new reports', input.included?.reports);
  check('previous studies', input.previous?.studies);
  check('previous reports', input.previous?.reports);
  check('total studies', input.totals?.studies);
  check('total reports', input.totals?.reports);
  check('meta-analysis studies', input.metaAnalysis?.studies);
  check('meta-analysis reports', input.metaAnalysis?.reports);
}

/** Sum of the known values; null when none is known (or `whenNone` if given). */
function sumKnown(values: readonly (number | null)[], whenNone: number | null = null): number | null {
  let known = false;
  let sum = 0;
  for (const v of values) {
    if (v === null) continue;
    known = true;
    sum += v;
  }
  return known ? sum : whenNone;
}

function minus(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a - b;
}

function joinIds(a: Count | undefined, b: Count | undefined): TraceIds | undefined {
  if (!b?.ids) return undefined;
  if (!a) return b.ids;
  return a.ids ? [...a.ids, ...b.ids] : undefined;
}
