import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { codingRepo } from '../db/repos/coding';
import { clusterOutcomes } from '../db/repos/dedup';
import { getProject } from '../db/repos/projects';
import { recordsOf } from '../db/repos/records';
import { reviewerCounts, stageCounts } from '../db/repos/screening';
import { listSources } from '../db/repos/sources';
import type { Actor } from '../domain/auth/actor';
import { buildReportDocument } from '../domain/report/build';
import type { CitableRecord, ReportDocument, ReportInput, ReportStyle } from '../domain/report/types';
import { SCREENING_SETTINGS } from '../domain/screening/settings';
import type { Stage } from '../domain/screening/types';
import { loadAppraisal } from './appraisal-studies';
import { appraisalSummary } from './appraisal-summary';
import { coderNames, synthesisInput, synthesisReport } from './coding';
import { codingSettings } from './coding-studies';
import { projectPrisma } from './prisma';
import { prismaInputFor } from './prisma-state';
import { readSection } from './project-settings';
import { prioritisationSettings, projectStoppingReport, screeningDecisions } from './ranking';
import { computeAgreement } from './screening';
import { visibilityFor } from './visibility';

/**
 * The drafted report of a project. Every figure comes from the service that computes it for its
 * own page: the diagram (projectPrisma), the agreement (computeAgreement), the synthesis
 * (synthesisInput + synthesisReport), the stopping panel; this module only gathers them.
 */
export function reportInput(db: Db, projectId: number, now: Date): ReportInput {
  const project = getProject(db, projectId);
  const prisma = projectPrisma(db, projectId);
  // The diagram's input and the sources table list the sources in the same (id) order.
  const stored = listSources(db, projectId);
  const sources = prismaInputFor(db, projectId).sources.map((s, i) => ({
    ...s,
    searchDate: stored[i]?.searchDate ?? null,
    searchString: stored[i]?.searchString ?? null,
    format: stored[i]?.format ?? null,
  }));
  const screening = readSection(db, projectId, SCREENING_SETTINGS);
  const stage = (name: Stage) => {
    const counts = stageCounts(db, projectId, name);
    return {
      settings: screening.stages[name],
      reviewers: reviewerCounts(db, projectId, name).length,
      resolved: counts.resolved,
      conflicts: counts.conflicts,
      agreement: computeAgreement(db, projectId, name),
    };
  };
  const coding = codingSettings(db, projectId);
  const synthesisData = synthesisInput(db, projectId, coderNames(db));
  const synthesis = synthesisReport(synthesisData, coding.codersRequired);
  const appraisal = loadAppraisal(db, projectId);
  const priority = prioritisationSettings(db, projectId);
  const stopping = priority.enabled ? projectStoppingReport(db, projectId, screeningDecisions) : null;
  const excludedIds = Object.entries(prisma.trace)
    .filter(([key]) => key.startsWith('dbr_excluded:') || key.startsWith('other_excluded:'))
    .flatMap(([, ids]) => ids);
  const cited = recordsOf(db, projectId, 'citation', [
    ...synthesisData.studies.map((s) => s.id),
    ...excludedIds,
  ]);
  return {
    project: { name: project.name, description: project.description },
    draftedAt: now,
    prisma,
    sources,
    dedup: clusterOutcomes(db, projectId),
    screening: {
      eligibilityCriteria: screening.eligibilityCriteria,
      stages: { title_abstract: stage('title_abstract'), full_text: stage('full_text') },
    },
    prioritisation: {
      enabled: priority.enabled,
      model: priority.model,
      keywords: priority.keywords,
      stopping: stopping && {
        screened: stopping.screened,
        totalRecords: stopping.totalRecords,
        relevantFound: stopping.relevantFound,
      },
    },
    coding: {
      codersRequired: coding.codersRequired,
      blind: coding.blind,
      fields: codingRepo(db)
        .listFields(projectId)
        .map((f) => ({ key: f.key, label: f.label, kind: f.kind, options: f.options })),
      coders: new Set([
        ...synthesisData.coderApplications.map((a) => a.coder),
        ...synthesisData.finished.map((f) => f.coder),
      ]).size,
      agreement: synthesis.agreement,
    },
    appraisal: {
      summary: appraisalSummary(db, projectId),
      tool: appraisal.tool,
      blind: appraisal.settings.blind,
    },
    synthesis,
    studies: synthesisData.studies,
    records: new Map(cited.map((r): [number, CitableRecord] => [r.id, r])),
  };
}

/** The report of a project without blinding (the CLI). */
export function projectReport(
  db: Db,
  projectId: number,
  now: Date,
  style: ReportStyle = 'apa',
): ReportDocument {
  return buildReportDocument(reportInput(db, projectId, now), style);
}

/**
 * The report as this member may see it: it holds every stage's outcomes, the agreement and the
 * coding, so while any stage is blind only owners see it (the policy's `report` view).
 */
export function reportFor(
  db: Db,
  projectId: number,
  actor: Actor,
  now: Date,
  style: ReportStyle = 'apa',
): ReportDocument {
  getProject(db, projectId);
  visibilityFor(db, projectId, actor).require({ kind: 'report' });
  return projectReport(db, projectId, now, style);
}

/** The report as GET …/report answers it (the Report page's preview). */
export function reportResponse(doc: ReportDocument): Api.ReportResponse {
  return { ...doc, draftedAt: doc.draftedAt.toISOString() };
}
