import type { Db } from '../db/connection';
import { codingRepo, type DoneRow } from '../db/repos/coding';
import { includedReportIds, studyLinks } from '../db/repos/fulltext';
import type { Actor } from '../domain/auth/actor';
import { codingStudies, type CodingStudies, type CodingStudy } from '../domain/coding/studies';
import { CODING_SETTINGS, type CodingSettings } from '../domain/coding/settings';
import { ValidationError } from '../domain/errors';
import { readSection } from './project-settings';
import { requireStageWork, type Visibility } from './visibility';

/**
 * The included studies as coding sees them: reports grouped as one study are one study, coded
 * under its lowest report id; every stored coding (applications, done marks, consensus) is read
 * through `codingRecordOf`, so coding stored under another report of a study belongs to it.
 */
export function includedStudies(db: Db, projectId: number): CodingStudies {
  return codingStudies(includedReportIds(db, projectId), studyLinks(db, projectId));
}

/** The study a record belongs to (any of its reports); refuses a record that is no included study's. */
export function requireStudy(studies: CodingStudies, recordId: number): CodingStudy {
  const codingRecord = studies.codingRecordOf.get(recordId);
  const study = studies.studies.find((s) => s.recordId === codingRecord);
  if (!study) throw new ValidationError(`record ${recordId} is not an included study of this project`);
  return study;
}

/** Refuses a caller who may not code here now (services/visibility.ts, requireStageWork). */
export function requireCoder(db: Db, projectId: number, actor: Actor): Visibility {
  return requireStageWork(db, projectId, actor, { action: 'code', stage: 'coding' });
}

export function codingSettings(db: Db, projectId: number): CodingSettings {
  return readSection(db, projectId, CODING_SETTINGS);
}

/** Who finished each study: study record → coder ids (marks stored under any report of it). */
export function finishedBy(studies: CodingStudies, done: readonly DoneRow[]): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (const d of done) {
    const study = studies.codingRecordOf.get(d.recordId);
    if (study !== undefined) out.set(study, (out.get(study) ?? new Set()).add(d.userId));
  }
  return out;
}

/** A study's coding state for the visibility policy: the caller finished it; it has the finished coders it needs. */
export function studyProgress(
  finished: Set<number> | undefined,
  actor: Actor,
  settings: CodingSettings,
): { doneByCaller: boolean; complete: boolean } {
  return {
    doneByCaller: finished?.has(actor.userId) ?? false,
    complete: (finished?.size ?? 0) >= settings.codersRequired,
  };
}

/** The live coding of a project grouped by study record (applications, values, consensus). */
export function codingByStudy(db: Db, projectId: number, studies: CodingStudies) {
  const repo = codingRepo(db);
  const group = <T extends { recordId: number }>(rows: T[]) => {
    const out = new Map<number, T[]>();
    for (const row of rows) {
      const study = studies.codingRecordOf.get(row.recordId);
      if (study !== undefined) out.set(study, [...(out.get(study) ?? []), row]);
    }
    return out;
  };
  return {
    applications: group(repo.listApplications(projectId)),
    values: group(repo.listValues(projectId)),
    consensusApplications: group(repo.listConsensusApplications(projectId)),
    consensusValues: group(repo.listConsensusValues(projectId)),
    done: group(repo.listDone(projectId)),
  };
}

/** The study records (their bibliographic fields), by id. */
export function studyRecordsOf(db: Db, projectId: number, studies: CodingStudies) {
  const records = codingRepo(db).studyRecords(
    projectId,
    studies.studies.map((s) => s.recordId),
  );
  return new Map(records.map((r) => [r.id, r]));
}
