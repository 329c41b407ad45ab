import type { AppraisalTool } from '../tool';

const YES_NO_CANT_TELL: AppraisalTool['answers'] = [
  { id: 'yes', label: 'Yes', tone: 'good' },
  { id: 'no', label: 'No', tone: 'bad' },
  { id: 'cant_tell', label: "Can't tell", tone: 'unclear' },
];

/**
 * The Mixed Methods Appraisal Tool, version 2018: two screening questions, then five core
 * criteria for each of five categories of study design. The questions are paraphrased here (the
 * MMAT is copyrighted; its user guide holds the original wording and the explanation of every
 * criterion). Following the guide's advice, no overall score is computed: each criterion is
 * reported.
 */
export const MMAT_2018: AppraisalTool = {
  format: 'sift-appraisal-tool',
  version: 1,
  id: 'mmat-2018',
  name: 'Mixed Methods Appraisal Tool (MMAT), version 2018',
  description:
    'For reviews that include qualitative, quantitative and mixed methods studies. Answer the two screening ' +
    'questions, choose the category of study design, then answer its five criteria. Questions paraphrased; ' +
    'see the user guide for the original wording and the explanation of each criterion.',
  source: {
    authors:
      'Hong QN, Pluye P, Fàbregues S, Bartlett G, Boardman F, Cargo M, Dagenais P, Gagnon M-P, Griffiths F, ' +
      "Nicolau B, O'Cathain A, Rousseau M-C, Vedel I",
    year: 2018,
    title:
      'Mixed Methods Appraisal Tool (MMAT), version 2018. User guide. Registration of Copyright (#1148552), ' +
      'Canadian Intellectual Property Office, Industry Canada',
    url: 'http://mixedmethodsappraisaltoolpublic.pbworks.com/',
    note: 'Paraphrased by Sift. Hong QN et al. (2018) Education for Information 34(4):285-291, doi:10.3233/EFI-180221.',
  },
  answers: YES_NO_CANT_TELL,
  screening: [
    {
      id: 'S1',
      question: 'Does the study state clear research questions (or objectives)?',
      domain: 'Screening questions (every design)',
      hint: 'A "No" or "Can\'t tell" to either screening question suggests the paper may not report an empirical study; further appraisal may then be neither feasible nor appropriate.',
    },
    {
      id: 'S2',
      question: 'Do the data collected allow the research questions to be answered?',
      domain: 'Screening questions (every design)',
      hint: 'Consider whether the follow-up period or the data are long or rich enough to address the questions.',
    },
  ],
  designs: [
    {
      id: 'qualitative',
      label: 'Qualitative',
      criteria: [
        { id: '1.1', question: 'Is a qualitative approach suited to the research question?' },
        {
          id: '1.2',
          question: 'Are the methods used to collect qualitative data adequate for the research question?',
        },
        { id: '1.3', question: 'Do the findings follow adequately from the data?' },
        { id: '1.4', question: 'Are the interpretations sufficiently supported by the data?' },
        {
          id: '1.5',
          question: 'Do the data sources, collection, analysis and interpretation fit together coherently?',
        },
      ],
    },
    {
      id: 'quantitative-rct',
      label: 'Quantitative randomised controlled trial',
      criteria: [
        { id: '2.1', question: 'Was randomisation carried out appropriately?' },
        { id: '2.2', question: 'Were the groups comparable at baseline?' },
        { id: '2.3', question: 'Are the outcome data complete?' },
        { id: '2.4', question: 'Were the outcome assessors blinded to the intervention?' },
        { id: '2.5', question: 'Did participants keep to the intervention they were assigned?' },
      ],
    },
    {
      id: 'quantitative-non-randomised',
      label: 'Quantitative non-randomised',
      criteria: [
        { id: '3.1', question: 'Do the participants represent the target population?' },
        {
          id: '3.2',
          question:
            'Are the measurements of both the outcome and the intervention (or exposure) appropriate?',
        },
        { id: '3.3', question: 'Are the outcome data complete?' },
        { id: '3.4', question: 'Are confounders accounted for in the design and the analysis?' },
        {
          id: '3.5',
          question:
            'During the study, was the intervention delivered (or did the exposure occur) as intended?',
        },
      ],
    },
    {
      id: 'quantitative-descriptive',
      label: 'Quantitative descriptive',
      criteria: [
        { id: '4.1', question: 'Is the sampling strategy relevant to the research question?' },
        { id: '4.2', question: 'Does the sample represent the target population?' },
        { id: '4.3', question: 'Are the measurements appropriate?' },
        { id: '4.4', question: 'Is the risk of non-response bias low?' },
        { id: '4.5', question: 'Is the statistical analysis suited to the research question?' },
      ],
    },
    {
      id: 'mixed-methods',
      label: 'Mixed methods',
      criteria: [
        { id: '5.1', question: 'Is a mixed methods design adequately justified for this research question?' },
        {
          id: '5.2',
          question: 'Are the components of the study effectively integrated to answer the research question?',
        },
        {
          id: '5.3',
          question:
            'Are the outputs of integrating the qualitative and quantitative components adequately interpreted?',
        },
        {
          id: '5.4',
          question:
            'Are divergences and inconsistencies between the qualitative and quantitative results adequately addressed?',
        },
        {
          id: '5.5',
          question: 'Does each component meet the quality criteria of its own methodological tradition?',
          hint: 'The guide appraises the qualitative and the quantitative component with their own categories too. Sift appraises one design per study: record that judgement here, with its justification.',
        },
      ],
    },
  ],
  overall: {
    kind: 'none',
    note:
      'MMAT 2018 advises against calculating an overall score from the ratings: report the rating of each ' +
      'criterion instead, and consider a sensitivity analysis that contrasts the results of studies by quality.',
  },
};
