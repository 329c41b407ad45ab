import type { AppraisalSummary, AppraisalTool } from '../../api/appraisal';
import { renderAppraisalSvg } from '../appraisal/plot-svg';
import { count, fixed2, percent } from './format';
import { paragraph, section } from './methods';
import type { Block, Section } from './types';

/** The appraisal as the report reads it: the summary the appraisal page shows, and its tool. */
export interface AppraisalFacts {
  summary: AppraisalSummary;
  tool: AppraisalTool;
  blind: boolean;
}

/** Whether any study has been appraised at all (else the checklist leaves risk of bias to the authors). */
export function appraised(facts: AppraisalFacts | null): facts is AppraisalFacts {
  return facts !== null && facts.summary.studies.some((s) => Object.keys(s.answers).length > 0);
}

function noticeBlock(facts: AppraisalFacts): Block[] {
  return facts.summary.notice ? [{ kind: 'note', text: facts.summary.notice }] : [];
}

/** Methods › Study risk of bias assessment (PRISMA item 11). */
export function appraisalMethods(facts: AppraisalFacts): Section {
  const { summary } = facts;
  // The first author, as an in-text citation names a long author list.
  const authors = summary.source?.authors.split(',').map((a) => a.trim()) ?? [];
  const source = summary.source
    ? ` (${authors[0]}${authors.length > 1 ? ' et al.' : ''}, ${summary.source.year})`
    : '';
  const who =
    summary.appraisersRequired === 2
      ? `Each study was to be appraised by two appraisers${facts.blind ? ', working blind to each other until both had finished it' : ''}; the project owner reconciled their answers into the consensus reported here.`
      : 'Each study was appraised by one appraiser.';
  const sentences = [`The included studies were appraised with the ${summary.toolName}${source}. ${who}`];
  if (summary.overallRule.kind === 'none')
    sentences.push(`No overall score was computed: ${summary.overallRule.note}`);
  const estimable = summary.agreement.criteria.filter((c) => c.kappa !== null);
  const observed = summary.agreement.criteria.filter((c) => c.observedAgreement !== null);
  if (observed.length > 0) {
    const values = observed.map((c) => c.observedAgreement!);
    const kappas = estimable.map((c) => c.kappa!);
    sentences.push(
      `Agreement between appraisers was computed per criterion over the studies both finished: observed agreement ranged from ${percent(Math.min(...values), true)} to ${percent(Math.max(...values), true)} across ${count(observed.length, 'criterion', 'criteria')}` +
        (kappas.length
          ? `, and Cohen’s kappa, estimable for ${count(kappas.length, 'criterion', 'criteria')}, from ${fixed2(Math.min(...kappas))} to ${fixed2(Math.max(...kappas))}.`
          : '; kappa was estimable for no criterion.'),
    );
  }
  return section('risk-of-bias-assessment', 'Study risk of bias assessment', [
    paragraph(sentences.join(' ')),
    ...noticeBlock(facts),
  ]);
}

/** Results › Risk of bias in studies (PRISMA item 18): each study's answers and the traffic-light plot. */
export function appraisalResults(facts: AppraisalFacts): Section {
  const { summary, tool } = facts;
  const answer = new Map(tool.answers.map((a) => [a.id, a.label]));
  const design = new Map(tool.designs.map((d) => [d.id, d.label]));
  const rows = summary.studies.map((s) => [
    s.label,
    s.design ? (design.get(s.design) ?? s.design) : '',
    Object.entries(s.answers)
      .map(([criterion, a]) => `${criterion}: ${answer.get(a) ?? a}`)
      .join('; '),
    s.overall ?? (s.complete ? '' : 'appraisal incomplete'),
  ]);
  return section('risk-of-bias-in-studies', 'Risk of bias in studies', [
    ...noticeBlock(facts),
    paragraph(
      `${count(summary.studies.filter((s) => s.complete).length, 'study was', 'studies were')} fully appraised with the ${summary.toolName}; the table gives each study’s answer to each criterion.`,
    ),
    {
      kind: 'table',
      caption: 'Risk of bias (appraisal) of included studies',
      header: ['Study', 'Design', 'Answers by criterion', 'Overall'],
      rows,
    },
    {
      kind: 'figure',
      caption: 'Appraisal of included studies (traffic-light plot)',
      alt: `Traffic-light plot of the ${summary.toolName} answers of each included study`,
      svg: renderAppraisalSvg(summary, tool, 'traffic-light'),
    },
  ]);
}
