import fc from 'fast-check';
import type { ReviewRecord, ReviewState, StageOutcome } from '../../server/domain/prisma/from-review';
import type { SourceKind } from '../../server/domain/source-kinds';

/**
 * A review described as a plan: its sources, and the works it found, each with the copies
 * the searches returned (deduplication merges them into one cluster), which copy is primary,
 * and what happened to the work at each step. The same plan is realised as a pure ReviewState
 * (tests/unit/prisma) and through the real services into SQLite (tests/integration/prisma).
 */
export const STAGE_PLANS = [
  'none',
  'one_include',
  'one_exclude',
  'include',
  'maybe',
  'changed_to_include',
  'exclude',
  'conflict',
  'resolved_include',
  'resolved_exclude',
] as const;
export type StagePlan = (typeof STAGE_PLANS)[number];

export interface WorkPlan {
  /** Index into the plan's sources of each copy the searches returned (one or more). */
  copies: number[];
  /** Which copy deduplication keeps (taken modulo the number of copies). */
  primary: number;
  titleAbstract: StagePlan;
  retrieval: 'none' | 'retrieved' | 'not_retrievable';
  fullText: StagePlan;
  /** Reports with the same study number are grouped as one study; null: a study of its own. */
  study: number | null;
  /** The reason given when the work is excluded (full text always gets one). */
  reason: string | null;
  /**
   * The reason of a bulk exclusion that removed the work before screening (its primary), or
   * null. A removed work has no screening decisions: the bulk exclusion leaves screened records alone.
   */
  removed?: string | null;
}

export interface ReviewPlan {
  sources: { name: string; kind: SourceKind }[];
  works: WorkPlan[];
}

const SOURCE_NAMES: Record<SourceKind, string[]> = {
  database: ['Embase', 'PubMed', 'Scopus'],
  register: ['ClinicalTrials.gov', 'ICTRP'],
  other: ['Citation searching', 'Google Scholar website', 'Professional society'],
};

const sourceArb = fc
  .constantFrom<SourceKind>('database', 'register', 'other')
  .chain((kind) => fc.constantFrom(...SOURCE_NAMES[kind]).map((name) => ({ name, kind })));

// Every plan is drawn, with settled includes weighted up so that many works reach full text.
const stagePlanArb: fc.Arbitrary<StagePlan> = fc.oneof(
  { arbitrary: fc.constantFrom<StagePlan>('include', 'maybe', 'resolved_include'), weight: 2 },
  { arbitrary: fc.constantFrom(...STAGE_PLANS), weight: 3 },
);

/** Reviews of up to `maxWorks` works over one to five sources mixing every kind. */
export function reviewPlanArb(maxWorks = 24): fc.Arbitrary<ReviewPlan> {
  return fc.array(sourceArb, { minLength: 1, maxLength: 5 }).chain((sources) =>
    fc.record({
      sources: fc.constant(sources),
      works: fc.array(
        fc.record({
          copies: fc.array(fc.nat(sources.length - 1), { minLength: 1, maxLength: 4 }),
          primary: fc.nat(3),
          titleAbstract: stagePlanArb,
          retrieval: fc.oneof(
            { arbitrary: fc.constant('retrieved' as const), weight: 3 },
            { arbitrary: fc.constantFrom('none' as const, 'not_retrievable' as const), weight: 2 },
          ),
          fullText: stagePlanArb,
          study: fc.option(fc.nat(3), { nil: null, freq: 2 }),
          reason: fc.option(fc.constantFrom('Wrong population', 'Wrong outcome', 'Animal study'), {
            nil: null,
          }),
          removed: fc.oneof(
            { arbitrary: fc.constant(null), weight: 4 },
            { arbitrary: fc.constantFrom(...REMOVAL_REASONS), weight: 1 },
          ),
        }),
        { maxLength: maxWorks },
      ),
    }),
  );
}

/** The same review with every work's primary moved to another copy (where it has several). */
export function withOtherPrimaries(plan: ReviewPlan, shift: number): ReviewPlan {
  return { ...plan, works: plan.works.map((w) => ({ ...w, primary: w.primary + 1 + shift })) };
}

/** The final outcome a stage plan leads to: include, exclude, or none yet (awaiting or in conflict). */
export function outcomeOfPlan(plan: StagePlan): 'include' | 'exclude' | null {
  switch (plan) {
    case 'include':
    case 'maybe':
    case 'changed_to_include':
    case 'resolved_include':
      return 'include';
    case 'exclude':
    case 'resolved_exclude':
      return 'exclude';
    default:
      return null;
  }
}

/**
 * Record ids as the database gives them: sources in order, each source's copies in work order.
 * Returns, for each work, the ids of its copies (in the order of `copies`).
 */
export function assignIds(plan: ReviewPlan, firstId = 1): number[][] {
  const ids = plan.works.map((w) => w.copies.map(() => 0));
  let next = firstId;
  plan.sources.forEach((_, s) => {
    plan.works.forEach((w, i) =>
      w.copies.forEach((source, c) => {
        if (source === s) ids[i]![c] = next++;
      }),
    );
  });
  return ids;
}

/** The reasons of the bulk exclusions the plans make (removed before screening). */
export const REMOVAL_REASONS = ['Outside the date range', 'Not in English'] as const;

/** The reason a full-text exclusion gets when the plan has none (full text always requires one). */
export const FULL_TEXT_REASON = 'Wrong study design';

/**
 * The plan reduced to what the services let a review record: retrieval only for reports
 * sought (included at title/abstract), full text only for reports retrieved, studies only of
 * reports sought, and a reason for every full-text exclusion.
 */
export function asServicesAllow(plan: ReviewPlan): ReviewPlan {
  return {
    ...plan,
    works: plan.works.map((w) => {
      if (w.removed) return { ...w, ...NOT_SCREENED };
      const sought = outcomeOfPlan(w.titleAbstract) === 'include';
      const retrieval = sought ? w.retrieval : 'none';
      return {
        ...w,
        retrieval,
        fullText: retrieval === 'retrieved' ? w.fullText : 'none',
        study: sought ? w.study : null,
      };
    }),
  };
}

/** A work nobody has screened: what a bulk exclusion needs (and leaves). */
const NOT_SCREENED = { titleAbstract: 'none', retrieval: 'none', fullText: 'none', study: null } as const;

function stageOutcome(plan: StagePlan, reason: string | null): StageOutcome | null {
  if (plan === 'none') return null;
  const outcome = outcomeOfPlan(plan);
  return { outcome, reason: outcome === 'exclude' ? reason : null };
}

/** The plan as the review state the database holds: every decision on its work's primary. */
export function stateOf(plan: ReviewPlan): ReviewState {
  const ids = assignIds(plan);
  const records: ReviewRecord[] = [];
  plan.works.forEach((planned, i) => {
    // A bulk exclusion removes only works nobody has screened (asServicesAllow says the same).
    const work: WorkPlan = planned.removed ? { ...planned, ...NOT_SCREENED } : planned;
    const copies = ids[i]!;
    const primary = copies[work.primary % copies.length]!;
    work.copies.forEach((source, c) => {
      const id = copies[c]!;
      const kept = id === primary;
      records.push({
        id,
        sourceId: source + 1,
        duplicateOf: kept ? null : primary,
        removed: kept ? (work.removed ?? null) : null,
        titleAbstract: kept ? stageOutcome(work.titleAbstract, work.reason) : null,
        retrieval: kept && work.retrieval !== 'none' ? work.retrieval : null,
        fullText: kept ? stageOutcome(work.fullText, work.reason ?? FULL_TEXT_REASON) : null,
        studyId: kept ? work.study : null,
      });
    });
  });
  return {
    sources: plan.sources.map((s, i) => ({ id: i + 1, name: s.name, kind: s.kind })),
    records: records.sort((a, b) => a.id - b.id),
  };
}
