import type { AppraisalCriterion, AppraisalTool, OverallRule } from '../../../server/api/types';

/**
 * The tool editor's form as plain text fields, and back: one line per answer ("id | label |
 * tone") and per criterion ("id | question | domain | hint"). Pure, so it is unit-tested
 * (tests/unit/client/appraisal-tool-form.test.ts); the server validates what is saved.
 */
export interface ToolForm {
  id: string;
  name: string;
  description: string;
  citation: { authors: string; year: string; title: string; url: string; note: string };
  answers: string;
  screening: string;
  designs: { id: string; label: string; criteria: string }[];
  rule: {
    kind: OverallRule['kind'];
    answer: string;
    note: string;
    met: string;
    notMet: string;
    order: string;
    /** for `worst`: "answer id | label" lines */
    labels: string;
    bands: string;
  };
}

const SEP = ' | ';

function criterionLine(c: AppraisalCriterion): string {
  const cells = [c.id, c.question, c.domain ?? '', c.hint ?? ''];
  if (c.answers) cells.push(`answers: ${c.answers.join(', ')}`);
  else while (cells.length > 2 && cells.at(-1) === '') cells.pop();
  return cells.join(SEP);
}

function criteriaFrom(text: string): AppraisalCriterion[] {
  return lines(text).map((line) => {
    const cells = line.split('|').map((c) => c.trim());
    const answersCell = cells.findIndex((c) => c.startsWith('answers:'));
    const answers = answersCell >= 0 ? cells.splice(answersCell, 1)[0]!.slice('answers:'.length) : null;
    const [id = '', question = '', domain = '', hint = ''] = cells;
    return {
      id,
      question,
      ...(domain ? { domain } : {}),
      ...(hint ? { hint } : {}),
      ...(answers !== null
        ? {
            answers: answers
              .split(',')
              .map((a) => a.trim())
              .filter(Boolean),
          }
        : {}),
    };
  });
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** The form of a tool; `copy` gives it a new id and name (a shipped tool is edited as a copy). */
export function toolToForm(tool: AppraisalTool, copy = false): ToolForm {
  const rule = tool.overall;
  return {
    id: copy ? `${tool.id}-ours` : tool.id,
    name: copy ? `${tool.name} (our version)` : tool.name,
    description: tool.description ?? '',
    citation: {
      authors: tool.source?.authors ?? '',
      year: tool.source ? String(tool.source.year) : '',
      title: tool.source?.title ?? '',
      url: tool.source?.url ?? '',
      note: tool.source?.note ?? '',
    },
    answers: tool.answers.map((a) => [a.id, a.label, a.tone].join(SEP)).join('\n'),
    screening: tool.screening.map(criterionLine).join('\n'),
    designs: tool.designs.map((d) => ({
      id: d.id,
      label: d.label,
      criteria: d.criteria.map(criterionLine).join('\n'),
    })),
    rule: {
      kind: rule.kind,
      answer: rule.kind === 'count' || rule.kind === 'all' ? rule.answer : (tool.answers[0]?.id ?? ''),
      note: rule.kind === 'none' ? rule.note : '',
      met: rule.kind === 'all' ? rule.met : '',
      notMet: rule.kind === 'all' ? rule.notMet : '',
      order: rule.kind === 'worst' ? rule.order.join(', ') : '',
      labels:
        rule.kind === 'worst'
          ? Object.entries(rule.labels ?? {})
              .map(([id, label]) => `${id}${SEP}${label}`)
              .join('\n')
          : '',
      bands:
        rule.kind === 'count' ? (rule.bands ?? []).map((b) => `${b.atLeast}${SEP}${b.label}`).join('\n') : '',
    },
  };
}

/** The tool a form describes, as the server reads it (it names what is wrong, field by field). */
export function formToTool(form: ToolForm): AppraisalTool {
  const c = form.citation;
  const cited = [c.authors, c.year, c.title, c.url].some((v) => v.trim() !== '');
  return {
    format: 'sift-appraisal-tool',
    version: 1,
    id: form.id.trim(),
    name: form.name.trim(),
    ...(form.description.trim() ? { description: form.description.trim() } : {}),
    ...(cited
      ? {
          source: {
            authors: c.authors.trim(),
            year: Number(c.year),
            title: c.title.trim(),
            url: c.url.trim(),
            ...(c.note.trim() ? { note: c.note.trim() } : {}),
          },
        }
      : {}),
    answers: lines(form.answers).map((line) => {
      const [id = '', label = '', tone = ''] = line.split('|').map((x) => x.trim());
      return { id, label, tone: tone as AppraisalTool['answers'][number]['tone'] };
    }),
    screening: criteriaFrom(form.screening),
    designs: form.designs
      .filter((d) => d.id.trim() !== '' || d.label.trim() !== '' || d.criteria.trim() !== '')
      .map((d) => ({ id: d.id.trim(), label: d.label.trim(), criteria: criteriaFrom(d.criteria) })),
    overall: ruleOf(form.rule),
  };
}

function ruleOf(r: ToolForm['rule']): OverallRule {
  switch (r.kind) {
    case 'none':
      return { kind: 'none', note: r.note.trim() };
    case 'count': {
      const bands = lines(r.bands).map((line) => {
        const [atLeast = '', label = ''] = line.split('|').map((x) => x.trim());
        return { atLeast: Number(atLeast), label };
      });
      return { kind: 'count', answer: r.answer.trim(), ...(bands.length ? { bands } : {}) };
    }
    case 'all':
      return { kind: 'all', answer: r.answer.trim(), met: r.met.trim(), notMet: r.notMet.trim() };
    case 'worst': {
      const labels = Object.fromEntries(
        lines(r.labels).map((line) => line.split('|').map((x) => x.trim()) as [string, string]),
      );
      return {
        kind: 'worst',
        order: r.order
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
        ...(Object.keys(labels).length ? { labels } : {}),
      };
    }
  }
}
