import type { AppraisalTool } from '../tool';

/**
 * The JBI Critical Appraisal Checklist for Analytical Cross Sectional Studies: eight items, for
 * one design. Paraphrased (JBI's checklists and their explanations are at jbi.global). JBI asks
 * the reviewers for an overall decision (include, exclude, seek further information) and leaves
 * the threshold to the review team; Sift's overall rule counts the "Yes" answers, items answered
 * "Not applicable" left out.
 */
export const JBI_CROSS_SECTIONAL: AppraisalTool = {
  format: 'sift-appraisal-tool',
  version: 1,
  id: 'jbi-analytical-cross-sectional',
  name: 'JBI Checklist for Analytical Cross Sectional Studies',
  description:
    'Eight items for analytical cross-sectional studies. Items paraphrased; see JBI for the original checklist ' +
    'and the explanation of each item.',
  source: {
    authors:
      'Moola S, Munn Z, Tufanaru C, Aromataris E, Sears K, Sfetcu R, Currie M, Qureshi R, Mattis P, Lisy K, Mu P-F',
    year: 2020,
    title:
      'Chapter 7: Systematic reviews of etiology and risk. In: Aromataris E, Munn Z (editors). JBI Manual for ' +
      'Evidence Synthesis. JBI (checklist for analytical cross sectional studies, 2017)',
    url: 'https://jbi.global/critical-appraisal-tools',
    note: 'Paraphrased by Sift.',
  },
  answers: [
    { id: 'yes', label: 'Yes', tone: 'good' },
    { id: 'no', label: 'No', tone: 'bad' },
    { id: 'unclear', label: 'Unclear', tone: 'unclear' },
    { id: 'not_applicable', label: 'Not applicable', tone: 'none' },
  ],
  screening: [],
  designs: [
    {
      id: 'analytical-cross-sectional',
      label: 'Analytical cross-sectional',
      criteria: [
        { id: '1', question: 'Are the criteria for including participants in the sample clearly defined?' },
        { id: '2', question: 'Are the participants and the setting described in detail?' },
        { id: '3', question: 'Is the exposure measured validly and reliably?' },
        { id: '4', question: 'Is the condition measured with objective, standard criteria?' },
        { id: '5', question: 'Are confounding factors identified?' },
        { id: '6', question: 'Are strategies for dealing with confounding factors stated?' },
        { id: '7', question: 'Are the outcomes measured validly and reliably?' },
        { id: '8', question: 'Is the statistical analysis appropriate?' },
      ],
    },
  ],
  overall: { kind: 'count', answer: 'yes' },
};
