import fc from 'fast-check';
import { computePrisma } from '../../../server/domain/prisma/compute';
import { prismaInputFromReview } from '../../../server/domain/prisma/from-review';
import { withSettings } from '../../../server/domain/prisma/settings';
import { flowViolations, recordsInExactlyOneEndBox } from '../../support/prisma';
import { reviewPlanArb, stateOf, withOtherPrimaries, type ReviewPlan } from '../../support/review-plan';

/**
 * Properties of the PRISMA flow over randomly generated reviews (databases, registers and
 * other methods; duplicate clusters across kinds; votes, conflicts and resolutions; several
 * reports per study; reports not retrieved; works removed before screening by a bulk exclusion), computed from the review state alone. The same
 * plans go through the real services and SQLite in tests/integration/prisma-flow-db.test.ts.
 */
const prismaOf = (plan: ReviewPlan, otherScreening: 'auto' | 'always' = 'auto') =>
  computePrisma(withSettings(prismaInputFromReview(stateOf(plan)), { otherScreening }));

const RUNS = { numRuns: 300 };

describe('the PRISMA flow of any review', () => {
  it('adds up in every column', () => {
    fc.assert(
      fc.property(reviewPlanArb(), fc.constantFrom('auto' as const, 'always' as const), (plan, shown) => {
        expect(flowViolations(prismaOf(plan, shown))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('ends every record in exactly one box: removed, excluded, not retrieved, included or pending', () => {
    fc.assert(
      fc.property(reviewPlanArb(), fc.constantFrom('auto' as const, 'always' as const), (plan, shown) => {
        const ids = stateOf(plan).records.map((r) => r.id);
        expect(recordsInExactlyOneEndBox(prismaOf(plan, shown).trace, ids)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('changes no number when another record of a cluster is primary', () => {
    fc.assert(
      fc.property(reviewPlanArb(), fc.nat(3), (plan, shift) => {
        const before = prismaOf(plan);
        const after = prismaOf(withOtherPrimaries(plan, shift));
        expect(after.model).toEqual(before.model);
        expect(after.warnings).toEqual(before.warnings);
      }),
      RUNS,
    );
  });

  it('counts every work a bulk exclusion removed in "removed for other reasons" of its column, by reason', () => {
    fc.assert(
      fc.property(reviewPlanArb(), (plan) => {
        const fromSearch = (w: ReviewPlan['works'][number]) =>
          w.copies.some((s) => plan.sources[s]!.kind !== 'other');
        const removed = plan.works.filter((w) => w.removed);
        const { model, trace } = prismaOf(plan);
        expect(model.excluded_other).toBe(removed.filter(fromSearch).length);
        expect(model.other_excluded_other ?? 0).toBe(removed.filter((w) => !fromSearch(w)).length);
        const byReason = new Map<string, number>();
        for (const w of removed) byReason.set(w.removed!, (byReason.get(w.removed!) ?? 0) + 1);
        const listed = new Map<string, number>();
        for (const r of [...model.excluded_other_reasons, ...model.other_excluded_other_reasons])
          listed.set(r.name, (listed.get(r.name) ?? 0) + r.n);
        expect(listed).toEqual(byReason);
        for (const [reason, n] of byReason)
          expect(
            (trace[`excluded_other:${reason}`] ?? []).length +
              (trace[`other_excluded_other:${reason}`] ?? []).length,
          ).toBe(n);
      }),
      RUNS,
    );
  });

  it('credits each work to databases and registers when any copy came from one, else to other methods', () => {
    fc.assert(
      fc.property(reviewPlanArb(), (plan) => {
        const fromSearch = (w: ReviewPlan['works'][number]) =>
          w.copies.some((s) => plan.sources[s]!.kind !== 'other');
        const { model, trace } = prismaOf(plan, 'always');
        // Works removed before screening leave their column before "Records screened".
        const screenedWorks = plan.works.filter((w) => !w.removed);
        expect(model.records_screened).toBe(screenedWorks.filter(fromSearch).length);
        const otherWorks = screenedWorks.filter((w) => !fromSearch(w)).length;
        if (model.other_records_screened !== null) expect(model.other_records_screened).toBe(otherWorks);
        else expect(otherWorks).toBe(0);
        const copies = plan.works.reduce((a, w) => a + w.copies.length, 0);
        expect((model.duplicates ?? 0) + (model.other_duplicates ?? 0)).toBe(copies - plan.works.length);
        expect((trace.duplicates ?? []).length + (trace.other_duplicates ?? []).length).toBe(
          copies - plan.works.length,
        );
      }),
      RUNS,
    );
  });
});
