import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { codingRepo } from '../db/repos/coding';
import { findReport } from '../db/repos/fulltext';
import { getProject } from '../db/repos/projects';
import type { Actor } from '../domain/auth/actor';
import { studyLabel } from '../domain/coding/extraction';
import { NotFoundError, ValidationError } from '../domain/errors';
import { coderNames } from './coding';
import {
  codingByStudy,
  codingSettings,
  includedStudies,
  requireStudy,
  studyProgress,
  studyRecordsOf,
} from './coding-studies';
import { visibilityFor } from './visibility';

/**
 * What a coder sees of the coding: the included studies (once the screening outcomes that
 * decide them are open to the caller), their own work on each, and the other coders' work
 * and the consensus once the visibility policy lets them see it on that study.
 */

/** The included studies, one item per study, with what the caller may see of their coding. */
export function listCodingStudies(db: Db, projectId: number, actor: Actor): Api.CodingStudiesResponse {
  getProject(db, projectId);
  const vis = visibilityFor(db, projectId, actor);
  vis.require({ kind: 'stage-records', stage: 'coding' });
  const studies = includedStudies(db, projectId);
  const settings = codingSettings(db, projectId);
  const coding = codingByStudy(db, projectId, studies);
  const records = studyRecordsOf(db, projectId, studies);
  const name = coderNames(db);
  return {
    studies: studies.studies.map((study) => {
      const id = study.recordId;
      const finished = new Set((coding.done.get(id) ?? []).map((d) => d.userId));
      const progress = studyProgress(finished, actor, settings);
      const others = vis.othersCoding(progress);
      const applications = (coding.applications.get(id) ?? []).filter(
        (a) => others || a.userId === actor.userId,
      );
      const r = records.get(id);
      return {
        id,
        label: r ? studyLabel(r.authors, r.year, r.title, r.id) : `#${id}`,
        title: r?.title ?? null,
        applications: applications.length,
        reportIds: study.reportIds,
        done: progress.doneByCaller,
        doneBy: others ? [...finished].map(name).sort() : null,
        consensus: others ? (coding.consensusApplications.get(id)?.length ?? 0) : null,
      };
    }),
  };
}

/**
 * One included study as the caller may see it (any of its reports names it): the record, where
 * its full text is, the caller's own applications and values, and, once the policy allows, the
 * other coders' and the consensus.
 */
export function codingStudy(db: Db, projectId: number, actor: Actor, recordId: number): Api.StudyDetail {
  getProject(db, projectId);
  const vis = visibilityFor(db, projectId, actor);
  vis.require({ kind: 'stage-records', stage: 'coding' });
  const studies = includedStudies(db, projectId);
  let study;
  try {
    study = requireStudy(studies, recordId);
  } catch (error) {
    if (error instanceof ValidationError)
      throw new NotFoundError(`record ${recordId} is not an included study`);
    throw error;
  }
  const id = study.recordId;
  const repo = codingRepo(db);
  const record = repo.studyRecord(projectId, id);
  if (!record) throw new NotFoundError(`record ${recordId} is not an included study`);
  const settings = codingSettings(db, projectId);
  const coding = codingByStudy(db, projectId, studies);
  const finished = new Set((coding.done.get(id) ?? []).map((d) => d.userId));
  const progress = studyProgress(finished, actor, settings);
  const others = vis.othersCoding(progress);
  const name = coderNames(db);
  const fieldKey = new Map(repo.listFields(projectId).map((f) => [f.id, f.key]));
  const valuesOf = (userId: number) => {
    const values: Record<string, Api.FieldValue> = {};
    for (const v of coding.values.get(id) ?? [])
      if (v.userId === userId) values[fieldKey.get(v.fieldId) ?? ''] = v.value;
    return values;
  };
  const otherCoders = others
    ? [...new Set((coding.values.get(id) ?? []).map((v) => v.userId))].filter((u) => u !== actor.userId)
    : [];
  const coderOf = new Map((coding.applications.get(id) ?? []).map((a) => [a.id, a.userId]));
  return {
    study: { ...record, label: studyLabel(record.authors, record.year, record.title, record.id) },
    fullText: fullTextOf(db, projectId, study.reportIds),
    applications: (coding.applications.get(id) ?? [])
      .filter((a) => others || a.userId === actor.userId)
      .map((a) => ({ ...a, coder: name(a.userId), mine: a.userId === actor.userId })),
    values: valuesOf(actor.userId),
    reportIds: study.reportIds,
    done: progress.doneByCaller,
    othersVisible: others,
    doneBy: others ? [...finished].map(name).sort() : null,
    otherValues: otherCoders.map((userId) => ({ userId, coder: name(userId), values: valuesOf(userId) })),
    consensus: others
      ? {
          applications: (coding.consensusApplications.get(id) ?? []).map((a) => {
            const from = a.fromApplicationId === null ? undefined : coderOf.get(a.fromApplicationId);
            return {
              ...a,
              fromCoder: from === undefined ? null : name(from),
              decidedBy: name(a.decidedBy),
            };
          }),
          values: Object.fromEntries(
            (coding.consensusValues.get(id) ?? []).map((v) => [
              fieldKey.get(v.fieldId) ?? '',
              {
                value: v.value,
                fromCoder: v.fromUserId === null ? null : name(v.fromUserId),
                decidedBy: name(v.decidedBy),
                decidedAt: v.decidedAt,
              },
            ]),
          ),
        }
      : null,
  };
}

/** Our own PDF route or the linked URL of the first report of the study that has either. */
function fullTextOf(db: Db, projectId: number, reportIds: readonly number[]): Api.StudyDetail['fullText'] {
  for (const recordId of reportIds) {
    const report = findReport(db, recordId);
    if (report?.pdfFile) return { kind: 'pdf', href: `/api/projects/${projectId}/fulltext/${recordId}/pdf` };
    if (report?.url) return { kind: 'url', href: report.url };
  }
  return null;
}
