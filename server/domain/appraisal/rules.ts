import { criteriaOf, designOf, type AppraisalTool } from './tool';

/**
 * The overall judgement of one study, from its answers and the tool's rule (the kinds are
 * described on OverallRule in server/api/appraisal.ts). A rule reads the criteria of the study's
 * design; the screening questions decide whether appraisal goes on, not how the study rates.
 * Answers whose tone is `none` (not applicable) leave their criterion out of the count.
 */

/** Answers of one study: criterion id → answer id. */
export type Answers = Readonly<Record<string, string>>;

export interface Judgement {
  /** The judgement as the tool words it ("6/8 Yes", "High quality"); null when there is none. */
  value: string | null;
  /** Why there is none; null when there is one. */
  reason: string | null;
}

const none = (reason: string): Judgement => ({ value: null, reason });

/** The overall judgement of a study appraised as `designId` with `answers`. */
export function overallJudgement(tool: AppraisalTool, designId: string | null, answers: Answers): Judgement {
  const rule = tool.overall;
  if (rule.kind === 'none') return none(rule.note);
  const design = designOf(tool, designId);
  if (!design) return none('the study has no design yet');
  const given = design.criteria.map((c) => answers[c.id]);
  if (given.some((a) => a === undefined)) return none('not every criterion is answered');
  const tone = new Map(tool.answers.map((a) => [a.id, a.tone]));
  const counted = (given as string[]).filter((a) => tone.get(a) !== 'none');
  if (counted.length === 0) return none('no criterion applies to this study');
  const label = (id: string) => tool.answers.find((a) => a.id === id)?.label ?? id;
  switch (rule.kind) {
    case 'count': {
      const k = counted.filter((a) => a === rule.answer).length;
      if (!rule.bands) return { value: `${k}/${counted.length} ${label(rule.answer)}`, reason: null };
      const share = k / counted.length;
      const band = [...rule.bands].sort((a, b) => b.atLeast - a.atLeast).find((b) => share >= b.atLeast);
      return band ? { value: band.label, reason: null } : none(`${k}/${counted.length} is below every band`);
    }
    case 'all':
      return { value: counted.every((a) => a === rule.answer) ? rule.met : rule.notMet, reason: null };
    case 'worst': {
      const rank = (id: string) => rule.order.indexOf(id);
      const ranked = counted.filter((a) => rank(a) >= 0);
      if (ranked.length === 0) return none('no answer the rule ranks was given');
      const worst = ranked.reduce((w, a) => (rank(a) > rank(w) ? a : w));
      return { value: rule.labels?.[worst] ?? label(worst), reason: null };
    }
  }
}

/** Whether every criterion of the study (screening questions included) is answered. */
export function appraisalComplete(tool: AppraisalTool, designId: string | null, answers: Answers): boolean {
  return designOf(tool, designId) !== undefined && criteriaOf(tool, designId).every((c) => c.id in answers);
}

/**
 * Whether a study meets all criteria: complete, every answer good or not applicable, and at
 * least one good. What the synthesis filters and stratifies on, whatever the tool's rule.
 */
export function meetsAllCriteria(tool: AppraisalTool, designId: string | null, answers: Answers): boolean {
  if (!appraisalComplete(tool, designId, answers)) return false;
  const tone = new Map(tool.answers.map((a) => [a.id, a.tone]));
  const tones = criteriaOf(tool, designId).map((c) => tone.get(answers[c.id]!));
  return tones.every((t) => t === 'good' || t === 'none') && tones.includes('good');
}
