import type { AnswerTone, AppraisalTool } from '../../../server/api/types';

/**
 * How an answer shows in the traffic-light table: a symbol as well as a colour (robvis's: "+"
 * low concern, "-" some, "×" high, "?" no information), so the table reads without colour too.
 * The server's SVG (domain/appraisal/plot-svg.ts) draws the same symbols.
 */
export const TONE_SYMBOL: Record<AnswerTone, string> = {
  good: '+',
  some: '-',
  bad: '×',
  unclear: '?',
  none: '·',
};

/** The label and tone of an answer id in a tool; an id the tool does not know shows as itself. */
export function answerInfo(
  tool: AppraisalTool,
  id: string | undefined,
): { label: string; tone: AnswerTone | null } {
  const answer = tool.answers.find((a) => a.id === id);
  return answer ? { label: answer.label, tone: answer.tone } : { label: id ?? 'Not answered', tone: null };
}
