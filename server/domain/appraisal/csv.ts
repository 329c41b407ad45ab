import type { AppraisalSummary } from '../../api/appraisal';
import { csvTable } from '../csv/write';
import { criterionIndex, type AppraisalTool } from './tool';

/**
 * The appraisal summary as one CSV table: a row per study, a column per criterion of the designs
 * appraised (empty where a criterion is not one of the study's design), then the overall
 * judgement. Answers are their ids (`yes`, `no`, `cant_tell`), as in the JSON. Cells go through
 * the project's formula-safe writer; `notice` repeats the project's notice (the demo's
 * "illustration" mark) on every row, so no copy of the table loses it.
 */
export function appraisalCsv(summary: AppraisalSummary, tool: AppraisalTool): string {
  const shown = new Set(summary.distribution.map((d) => d.criterion));
  const criteria = [...criterionIndex(tool).keys()].filter((id) => shown.has(id));
  const header = [
    'study',
    'label',
    'design',
    ...criteria,
    'overall',
    'meets_all_criteria',
    'complete',
    'tool',
    'notice',
  ];
  const rows = summary.studies.map((s) => [
    s.study,
    s.label,
    s.design,
    ...criteria.map((id) => s.answers[id] ?? null),
    s.overall,
    s.meetsAll ? 'yes' : 'no',
    s.complete ? 'yes' : 'no',
    summary.tool,
    summary.notice,
  ]);
  return csvTable([header, ...rows]);
}
