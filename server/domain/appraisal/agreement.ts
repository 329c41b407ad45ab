import type { CriterionAgreement } from '../../api/appraisal';
import { agreementFromTable } from '../screening/agreement';
import { allowedAnswers, criterionIndex, type AppraisalTool } from './tool';

/**
 * Agreement between appraisers, per criterion: for every pair of appraisers, the studies both
 * finished (marked done) and both answered the criterion on form the base (appraisers who put a
 * study under different designs answer different criteria, so a design's criteria may have
 * fewer studies than the screening questions). The table is over the criterion's answers, the
 * first appraiser (by name) down, the second across; observed agreement is its diagonal share and
 * Cohen's kappa (po − pe)/(1 − pe) comes from it. Kappa is not estimable with no such study, or
 * when chance agreement is 1 (both gave one and the same answer on every study).
 * Computed on the appraisers' own answers, never on the consensus.
 */

/** One appraiser's finished appraisal of one study. */
export interface FinishedAppraisal {
  appraiser: string;
  studyId: number;
  answers: Readonly<Record<string, string>>;
}

export function criterionAgreement(
  tool: AppraisalTool,
  finished: readonly FinishedAppraisal[],
): CriterionAgreement[] {
  const byAppraiser = new Map<string, Map<number, Readonly<Record<string, string>>>>();
  for (const f of finished) {
    const studies = byAppraiser.get(f.appraiser) ?? new Map<number, Readonly<Record<string, string>>>();
    byAppraiser.set(f.appraiser, studies.set(f.studyId, f.answers));
  }
  const appraisers = [...byAppraiser.keys()].sort();
  const index = criterionIndex(tool);
  const out: CriterionAgreement[] = [];
  for (let i = 0; i < appraisers.length; i++) {
    for (let j = i + 1; j < appraisers.length; j++) {
      const a = byAppraiser.get(appraisers[i]!)!;
      const b = byAppraiser.get(appraisers[j]!)!;
      const shared = [...a.keys()].filter((s) => b.has(s)).sort((x, y) => x - y);
      if (shared.length === 0) continue;
      for (const [id, { criterion }] of index) {
        const answeredByEither = shared.some((s) => id in a.get(s)! || id in b.get(s)!);
        if (!answeredByEither) continue;
        const categories = allowedAnswers(tool, criterion);
        const table = categories.map(() => categories.map(() => 0));
        let studies = 0;
        for (const s of shared) {
          const x = categories.indexOf(a.get(s)![id] ?? '');
          const y = categories.indexOf(b.get(s)![id] ?? '');
          if (x < 0 || y < 0) continue;
          table[x]![y]! += 1;
          studies++;
        }
        const stats = agreementFromTable(table);
        out.push({
          criterion: id,
          appraisers: [appraisers[i]!, appraisers[j]!],
          studies,
          categories,
          table,
          observedAgreement: stats.percentAgreement,
          kappa: stats.cohenKappa,
          kappaNotEstimable:
            stats.cohenKappa !== null
              ? null
              : studies === 0
                ? 'no study that both appraisers finished has an answer from both to this criterion'
                : 'both appraisers gave one and the same answer on every study (chance agreement is 1)',
        });
      }
    }
  }
  return out;
}
