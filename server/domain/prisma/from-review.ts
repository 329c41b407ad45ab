import { columnOfKind, creditClusters, inIdOrder, type Column } from './clusters';
import type { Count, NamedCount, PrismaInput, SourceKind } from './types';

/** A final decision at one stage; `outcome` is null while votes are missing or in conflict. */
export interface StageOutcome {
  outcome: 'include' | 'exclude' | null;
  reason: string | null;
}

/** One record as the review sees it: where it came from and how far it got. */
export interface ReviewRecord {
  id: number;
  sourceId: number;
  /** The record deduplication merged this one into (its cluster's primary); null: kept. */
  duplicateOf: number | null;
  /** The reason a bulk exclusion removed this record before screening; null or absent: not removed. */
  removed?: string | null;
  /** null: no vote yet at title/abstract. */
  titleAbstract: StageOutcome | null;
  /** null: sought but neither retrieved nor marked not retrievable (or not sought). */
  retrieval: 'retrieved' | 'not_retrievable' | null;
  fullText: StageOutcome | null;
  /** The study this report belongs to; null: a study of its own. */
  studyId: number | null;
}

export interface ReviewSource {
  id: number;
  name: string;
  kind: SourceKind;
}

export interface ReviewState {
  sources: readonly ReviewSource[];
  /** Every record of the project, in id order. */
  records: readonly ReviewRecord[];
}

/**
 * Folds the records of a review into PRISMA input, each count with the ids behind it.
 *
 * Deduplication's clusters are credited to one column each (creditClusters): the copies not
 * kept are duplicates removed in their own column, and the cluster flows on as one record, its
 * representative, carrying the decisions recorded on the primary (a removal before screening
 * included). Databases and registers flow through every box. Other methods flow through their own title/abstract step, which the
 * diagram shows or folds away (computePrisma, `otherScreening`). A report counts as assessed
 * once retrieved or decided at full text; reports of one study count once in new_studies
 * (traced by the study's lowest record id).
 */
export function prismaInputFromReview(state: ReviewState): PrismaInput {
  const kindOf = new Map(state.sources.map((s) => [s.id, s.kind]));
  const bySource = new Map<number, number[]>(state.sources.map((s) => [s.id, []]));
  for (const r of state.records) bySource.get(r.sourceId)?.push(r.id);
  const input: PrismaInput = {
    sources: state.sources.map((s) => {
      const ids = bySource.get(s.id) ?? [];
      return { name: s.name, kind: s.kind, n: ids.length, ids };
    }),
  };
  const clusters = creditClusters(state.records, (r) => columnOfKind(kindOf.get(r.sourceId)));
  // The decisions are the primary's; the id is the representative's, so each column's boxes
  // trace back to records that column identified.
  const flowOf = (column: Column): ReviewRecord[] =>
    clusters
      .filter((c) => c.column === column)
      .map((c) =>
        c.representative === c.primary
          ? c.primary
          : { ...c.primary, id: c.representative.id, sourceId: c.representative.sourceId },
      );
  const removed = (column: Column) => inIdOrder(clusters.flatMap((c) => c.removed[column]));

  // Sift has no automation tools: 0. A bulk exclusion by an eligibility rule removes records
  // nobody has screened: "Records removed for other reasons", with the rule's reason.
  const dbrFlow = flowOf('dbr');
  const dbrRemoved = dbrFlow.filter((r) => r.removed != null);
  input.removed = {
    duplicates: traced(removed('dbr')),
    automation: traced([]),
    other: { ...traced(dbrRemoved), reasons: groupByReason(dbrRemoved, (r) => r.removed!) },
  };
  const dbrScreened = dbrFlow.filter((r) => r.removed == null);
  const taExcluded = dbrScreened.filter((r) => r.titleAbstract?.outcome === 'exclude');
  input.screened = traced(dbrScreened);
  input.screeningExcluded = { ...traced(taExcluded), ...screeningReasons(taExcluded) };
  const dbrColumn = reportsOf(dbrScreened);
  input.databases = dbrColumn.input;
  input.pending = {
    screening: traced(dbrScreened.filter((r) => r.titleAbstract?.outcome == null)),
    dbrRetrieval: dbrColumn.pendingRetrieval,
    dbrEligibility: dbrColumn.pendingEligibility,
  };

  const otherFlow = flowOf('other');
  const otherRemoved = otherFlow.filter((r) => r.removed != null);
  const otherScreened = otherFlow.filter((r) => r.removed == null);
  const otherColumn = reportsOf(otherScreened);
  if (state.records.some((r) => kindOf.get(r.sourceId) === 'other')) {
    const otherExcluded = otherScreened.filter((r) => r.titleAbstract?.outcome === 'exclude');
    input.otherMethods = {
      ...otherColumn.input,
      duplicates: traced(removed('other')),
      // Sift's extension box beside the column's duplicates, shown only when a rule removed one.
      ...(otherRemoved.length > 0
        ? {
            removedOther: {
              ...traced(otherRemoved),
              reasons: groupByReason(otherRemoved, (r) => r.removed!),
            },
          }
        : {}),
      screened: traced(otherScreened),
      screeningExcluded: { ...traced(otherExcluded), ...screeningReasons(otherExcluded) },
    };
    input.pending.otherScreening = traced(otherScreened.filter((r) => r.titleAbstract?.outcome == null));
    input.pending.otherRetrieval = otherColumn.pendingRetrieval;
    input.pending.otherEligibility = otherColumn.pendingEligibility;
  }

  const reports = [...dbrColumn.included, ...otherColumn.included].sort((a, b) => a.id - b.id);
  const firstOfStudy = new Map<string, number>();
  for (const r of reports) {
    const study = r.studyId === null ? `record:${r.id}` : `study:${r.studyId}`;
    if (!firstOfStudy.has(study)) firstOfStudy.set(study, r.id);
  }
  input.included = {
    reports: traced(reports),
    studies: { n: firstOfStudy.size, ids: [...firstOfStudy.values()].sort((a, b) => a - b) },
  };
  return input;
}

function traced(records: readonly ReviewRecord[]): Count {
  return { n: records.length, ids: records.map((r) => r.id) };
}

/** Reasons at title/abstract are optional: they are listed only when every exclusion has one. */
function screeningReasons(excluded: readonly ReviewRecord[]): { reasons?: NamedCount[] } {
  if (excluded.length === 0 || excluded.some((r) => !r.titleAbstract?.reason)) return {};
  return { reasons: groupByReason(excluded, (r) => r.titleAbstract!.reason!) };
}

function groupByReason(
  records: readonly ReviewRecord[],
  reasonOf: (r: ReviewRecord) => string,
): NamedCount[] {
  const groups = new Map<string, number[]>();
  for (const r of records) {
    const reason = reasonOf(r).trim();
    const ids = groups.get(reason) ?? [];
    ids.push(r.id);
    groups.set(reason, ids);
  }
  // Most frequent first, as reviews report them; ties in name order so the output is stable.
  return [...groups]
    .map(([name, ids]) => ({ name, n: ids.length, ids }))
    .sort((a, b) => b.n - a.n || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The reports stage of one column: what was sought, retrieved, assessed, excluded and included. */
function reportsOf(screened: readonly ReviewRecord[]) {
  const sought = screened.filter((r) => r.titleAbstract?.outcome === 'include');
  const notRetrieved = sought.filter((r) => r.retrieval === 'not_retrievable');
  const assessed = sought.filter(
    (r) => r.retrieval !== 'not_retrievable' && (r.retrieval === 'retrieved' || r.fullText !== null),
  );
  const excluded = assessed.filter((r) => r.fullText?.outcome === 'exclude');
  const included = assessed.filter((r) => r.fullText?.outcome === 'include');
  const withReason = excluded.filter((r) => r.fullText?.reason);
  return {
    input: {
      sought: traced(sought),
      notRetrieved: traced(notRetrieved),
      assessed: traced(assessed),
      // Full-text reasons are required by PRISMA: missing ones surface as "Reason not recorded".
      excluded: { ...traced(excluded), reasons: groupByReason(withReason, (r) => r.fullText!.reason!) },
      included: traced(included),
    },
    included,
    pendingRetrieval: traced(sought.filter((r) => r.retrieval === null && r.fullText === null)),
    pendingEligibility: traced(assessed.filter((r) => r.fullText?.outcome == null)),
  };
}
