import type { AppraisalAnswer, AppraisalTool } from '../../../server/api/types';
import { h } from '../dom';
import { answerInfo, TONE_SYMBOL } from './tones';

/** An answer as text: its symbol and label, the justification, and the quote with its page. */
export function answerText(tool: AppraisalTool, answer: AppraisalAnswer | undefined): HTMLElement {
  if (!answer) return h('p', { class: 'muted' }, 'Not answered.');
  const { label, tone } = answerInfo(tool, answer.answer);
  return h(
    'div',
    { class: 'appraisal-answer' },
    h('span', { class: `tl tl-${tone ?? 'missing'}`, 'aria-hidden': 'true' }, tone ? TONE_SYMBOL[tone] : ''),
    ' ',
    h('strong', {}, label),
    h('p', { class: 'appraisal-why' }, answer.justification),
    answer.quote
      ? h(
          'blockquote',
          {},
          answer.quote,
          answer.page ? h('span', { class: 'muted' }, ` (p. ${answer.page})`) : null,
        )
      : null,
  );
}
