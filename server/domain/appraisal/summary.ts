import type { AppraisalSummary, AppraisalSummaryStudy } from '../../api/appraisal';
import { criterionAgreement, type FinishedAppraisal } from './agreement';
import { appraisalComplete, meetsAllCriteria, overallJudgement } from './rules';
import { criteriaOf, type AppraisalTool } from './tool';

/**
 * The appraisal's results as reviews publish them: one row per study (its design, its answer to
 * each criterion, the tool's overall judgement), the share of studies per answer for each
 * criterion (the summary bars: every study weighs the same), and the agreement between appraisers.
 */

/** The answers of a study the results count (consensus.ts decides which). */
export interface CountedStudy {
  id: number;
  label: string;
  design: string | null;
  answers: Readonly<Record<string, string>>;
}

/** Key of a criterion's studies that have no answer to it yet. */
export const NOT_ANSWERED = 'not_answered';

export function buildSummary(input: {
  tool: AppraisalTool;
  notice: string | null;
  appraisersRequired: 1 | 2;
  studies: readonly CountedStudy[];
  finished: readonly FinishedAppraisal[];
}): AppraisalSummary {
  const { tool } = input;
  const studies: AppraisalSummaryStudy[] = input.studies.map((s) => {
    // only the criteria of the study's design count (a design changed later leaves others behind)
    const answers = Object.fromEntries(
      criteriaOf(tool, s.design)
        .filter((c) => s.answers[c.id] !== undefined)
        .map((c) => [c.id, s.answers[c.id]!]),
    );
    return {
      study: s.id,
      label: s.label,
      design: s.design,
      answers,
      overall: overallJudgement(tool, s.design, answers).value,
      meetsAll: meetsAllCriteria(tool, s.design, answers),
      complete: appraisalComplete(tool, s.design, answers),
    };
  });
  return {
    tool: tool.id,
    toolName: tool.name,
    source: tool.source ?? null,
    notice: input.notice,
    overallRule: tool.overall,
    appraisersRequired: input.appraisersRequired,
    studies,
    distribution: distribution(tool, studies),
    agreement: { criteria: criterionAgreement(tool, input.finished) },
  };
}

/**
 * For each criterion some study is appraised on (the screening questions: every study with a
 * design), how many of those studies gave each answer, and how many have none yet.
 */
function distribution(
  tool: AppraisalTool,
  studies: readonly AppraisalSummaryStudy[],
): AppraisalSummary['distribution'] {
  const rows: AppraisalSummary['distribution'] = [];
  const groups: { design: string | null; ids: string[] }[] = [
    { design: null, ids: tool.screening.map((c) => c.id) },
    ...tool.designs.map((d) => ({ design: d.id, ids: d.criteria.map((c) => c.id) })),
  ];
  for (const group of groups) {
    const base = studies.filter(
      (s) => s.design !== null && (group.design === null || s.design === group.design),
    );
    if (base.length === 0) continue;
    for (const criterion of group.ids) {
      const counts: Record<string, number> = Object.fromEntries(tool.answers.map((a) => [a.id, 0]));
      counts[NOT_ANSWERED] = 0;
      for (const s of base) {
        const answer = s.answers[criterion] ?? NOT_ANSWERED;
        counts[answer] = (counts[answer] ?? 0) + 1;
      }
      rows.push({ criterion, design: group.design, studies: base.length, counts });
    }
  }
  return rows;
}
