import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { getProject } from '../db/repos/projects';
import type { Actor } from '../domain/auth/actor';
import { appraisalCsv } from '../domain/appraisal/csv';
import { renderAppraisalSvg, type PlotKind } from '../domain/appraisal/plot-svg';
import { buildSummary } from '../domain/appraisal/summary';
import type { AppraisalStratum } from '../domain/appraisal/synthesis';
import type { AppraisalTool } from '../domain/appraisal/tool';
import { countedOf, finishedWork, labelledStudies, loadAppraisal } from './appraisal-studies';
import { prismaPngAsync } from './prisma-export';
import { userNames } from './user-names';
import { visibilityFor } from './visibility';

/**
 * The appraisal's results: the summary (one row per study from the consensus, or the single
 * appraiser's answers with one appraiser per study; the share of studies per answer for each
 * criterion; the agreement between appraisers), its CSV and JSON exports, and the traffic-light
 * plot as SVG or PNG. `appraisalSummary` reads without blinding, for the CLI and the review
 * report; routes call `appraisalSummaryFor`, which asks the visibility policy first.
 */

/** The appraisal summary of a project, without blinding (the CLI, the report). */
export function appraisalSummary(db: Db, projectId: number): Api.AppraisalSummary {
  return summaryWithTool(db, projectId).summary;
}

function summaryWithTool(db: Db, projectId: number): { summary: Api.AppraisalSummary; tool: AppraisalTool } {
  getProject(db, projectId);
  const state = loadAppraisal(db, projectId);
  const labelOf = labelledStudies(db, projectId, state.studies);
  const name = userNames(db);
  const studies = state.studies.studies.map((s) => {
    const counted = countedOf(state, s.recordId);
    return {
      id: s.recordId,
      label: labelOf(s.recordId).label,
      design: counted.design,
      answers: counted.answers,
    };
  });
  const finished = state.studies.studies.flatMap((s) =>
    finishedWork(state, s.recordId).map((f) => ({
      appraiser: name(f.userId),
      studyId: s.recordId,
      answers: f.answers,
    })),
  );
  return {
    tool: state.tool,
    summary: buildSummary({
      tool: state.tool,
      notice: state.settings.notice,
      appraisersRequired: state.settings.appraisersRequired,
      studies,
      finished,
    }),
  };
}

/** The appraisal summary as this member may see it: computed from every appraiser's work and the coding. */
export function appraisalSummaryFor(db: Db, projectId: number, actor: Actor): Api.AppraisalSummary {
  getProject(db, projectId);
  visibilityFor(db, projectId, actor).require({ kind: 'appraisal' });
  return appraisalSummary(db, projectId);
}

export const APPRAISAL_EXPORT_FORMATS = ['json', 'csv', 'svg', 'png'] as const;
export type AppraisalExportFormat = (typeof APPRAISAL_EXPORT_FORMATS)[number];

/** The summary as a file: JSON (the summary), CSV (a row per study), or the plot as SVG or PNG. */
export async function appraisalExport(
  db: Db,
  projectId: number,
  format: AppraisalExportFormat,
  plot: PlotKind = 'traffic-light',
): Promise<Buffer> {
  const { summary, tool } = summaryWithTool(db, projectId);
  switch (format) {
    case 'json':
      return Buffer.from(`${JSON.stringify(summary, null, 2)}\n`, 'utf8');
    case 'csv':
      return Buffer.from(appraisalCsv(summary, tool), 'utf8');
    case 'svg':
      return Buffer.from(renderAppraisalSvg(summary, tool, plot), 'utf8');
    case 'png':
      // resvg with the PRISMA diagram's fonts: the same rasteriser for every figure Sift draws
      return prismaPngAsync(renderAppraisalSvg(summary, tool, plot), 2);
  }
}

/** appraisalExport as this member may download it (the `appraisal` view of the visibility policy). */
export function appraisalExportFor(
  db: Db,
  projectId: number,
  actor: Actor,
  format: AppraisalExportFormat,
  plot: PlotKind = 'traffic-light',
): Promise<Buffer> {
  getProject(db, projectId);
  visibilityFor(db, projectId, actor).require({ kind: 'appraisal' });
  return appraisalExport(db, projectId, format, plot);
}

/** How each included study stands in the appraisal, for the synthesis to filter or stratify on. */
export function appraisalStrata(
  db: Db,
  projectId: number,
): { tool: string; strata: Map<number, AppraisalStratum> } {
  const summary = appraisalSummary(db, projectId);
  const strata = new Map<number, AppraisalStratum>(
    summary.studies.map((s) => [
      s.study,
      s.meetsAll ? 'meets-all' : s.complete ? 'not-all' : 'not-appraised',
    ]),
  );
  return { tool: summary.tool, strata };
}
