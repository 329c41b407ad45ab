import type { AppraisalTool } from '../tool';

const VALID = 'A. Are the results valid?';
const RESULTS = 'B. What are the results?';
const LOCAL = 'C. Will the results help locally?';

/**
 * The CASP Qualitative Checklist: ten questions in three sections, for one design (qualitative
 * research). Paraphrased (CASP's checklists are CASP's own; their wording and the
 * hints beside each question are on casp-uk.net). The overall rule counts the "Yes" answers.
 */
export const CASP_QUALITATIVE: AppraisalTool = {
  format: 'sift-appraisal-tool',
  version: 1,
  id: 'casp-qualitative-2018',
  name: 'CASP Qualitative Checklist (2018)',
  description:
    'Ten questions for appraising qualitative research. The first two are screening questions: when both are ' +
    '"Yes", it is worth going on. Questions paraphrased; see CASP for the original checklist and its hints.',
  source: {
    authors: 'Critical Appraisal Skills Programme (CASP)',
    year: 2018,
    title: 'CASP Qualitative Checklist',
    url: 'https://casp-uk.net/casp-tools-checklists/',
    note: 'Paraphrased by Sift.',
  },
  answers: [
    { id: 'yes', label: 'Yes', tone: 'good' },
    { id: 'no', label: 'No', tone: 'bad' },
    { id: 'cant_tell', label: "Can't tell", tone: 'unclear' },
  ],
  screening: [],
  designs: [
    {
      id: 'qualitative',
      label: 'Qualitative research',
      criteria: [
        {
          id: 'Q1',
          question: 'Does the paper state the aims of the research clearly?',
          domain: VALID,
          hint: 'A screening question: consider the goal of the research, why it matters and its relevance.',
        },
        {
          id: 'Q2',
          question: 'Is a qualitative methodology the right choice?',
          domain: VALID,
          hint: 'A screening question: does the research seek to interpret or illuminate the experiences or views of participants?',
        },
        { id: 'Q3', question: 'Does the research design suit the aims of the research?', domain: VALID },
        { id: 'Q4', question: 'Does the recruitment strategy suit the aims of the research?', domain: VALID },
        {
          id: 'Q5',
          question: 'Were the data collected in a way that addresses the research issue?',
          domain: VALID,
        },
        {
          id: 'Q6',
          question: 'Has the relationship between researcher and participants been adequately considered?',
          domain: VALID,
        },
        { id: 'Q7', question: 'Have ethical issues been taken into account?', domain: RESULTS },
        { id: 'Q8', question: 'Is the data analysis sufficiently rigorous?', domain: RESULTS },
        { id: 'Q9', question: 'Are the findings stated clearly?', domain: RESULTS },
        {
          id: 'Q10',
          question: 'Is the research valuable (its contribution, where it applies, what it leaves to study)?',
          domain: LOCAL,
        },
      ],
    },
  ],
  overall: { kind: 'count', answer: 'yes' },
};
