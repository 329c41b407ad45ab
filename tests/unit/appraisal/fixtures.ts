import type { AppraisalTool, OverallRule } from '../../../server/domain/appraisal/tool';

/**
 * A small tool for hand-computed tests: one screening question, two designs of three and two
 * criteria, yes / no / can't tell / not applicable, and whichever overall rule a test gives it.
 */
export function smallTool(overall: OverallRule = { kind: 'count', answer: 'yes' }): AppraisalTool {
  return {
    format: 'sift-appraisal-tool',
    version: 1,
    id: 'small',
    name: 'Small tool',
    answers: [
      { id: 'yes', label: 'Yes', tone: 'good' },
      { id: 'no', label: 'No', tone: 'bad' },
      { id: 'cant_tell', label: "Can't tell", tone: 'unclear' },
      { id: 'na', label: 'Not applicable', tone: 'none' },
    ],
    screening: [{ id: 'S1', question: 'Clear question?' }],
    designs: [
      {
        id: 'qual',
        label: 'Qualitative',
        criteria: [
          { id: 'Q1', question: 'First?' },
          { id: 'Q2', question: 'Second?' },
          { id: 'Q3', question: 'Third?' },
        ],
      },
      {
        id: 'quant',
        label: 'Quantitative',
        criteria: [
          { id: 'N1', question: 'Sample?', answers: ['yes', 'no', 'cant_tell'] },
          { id: 'N2', question: 'Analysis?' },
        ],
      },
    ],
    overall,
  };
}
