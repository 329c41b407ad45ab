import type { Db } from '../db/connection';
import {
  appraisalRepo,
  type AnswerRow,
  type AppraisalRow,
  type ConsensusAnswerRow,
  type ConsensusDesignRow,
} from '../db/repos/appraisal';
import { codingRepo } from '../db/repos/coding';
import type { Actor } from '../domain/auth/actor';
import { countedAppraisal, type CountedAppraisal } from '../domain/appraisal/consensus';
import { designFromForm } from '../domain/appraisal/design';
import { APPRAISAL_SETTINGS, type AppraisalSettings } from '../domain/appraisal/settings';
import { criteriaOf, type AppraisalTool } from '../domain/appraisal/tool';
import { countedValues } from '../domain/coding/consensus';
import { studyLabel, valueStrings } from '../domain/coding/extraction';
import type { CodingStudies, CodingStudy } from '../domain/coding/studies';
import { NotFoundError, ValidationError } from '../domain/errors';
import { projectTool } from './appraisal-tools';
import {
  codingByStudy,
  codingSettings,
  includedStudies,
  requireStudy,
  studyRecordsOf,
} from './coding-studies';
import { readSection } from './project-settings';
import { requireStageWork, type Visibility } from './visibility';

/**
 * The included studies as the appraisal sees them: the same studies coding sees (reports grouped
 * as one study are one study, appraised under its lowest report id; work stored under another
 * report of the study belongs to it), each with its design from the extraction form, every
 * appraiser's work and the owner's consensus, read once per request.
 */

export interface AppraisalState {
  tool: AppraisalTool;
  settings: AppraisalSettings;
  studies: CodingStudies;
  /** Study record → the design the extraction form gives it (null: the appraisers choose). */
  formDesign: Map<number, string | null>;
  appraisals: Map<number, AppraisalRow[]>;
  answers: Map<number, AnswerRow[]>;
  consensusDesign: Map<number, ConsensusDesignRow>;
  consensusAnswers: Map<number, ConsensusAnswerRow[]>;
}

export function appraisalSettings(db: Db, projectId: number): AppraisalSettings {
  return readSection(db, projectId, APPRAISAL_SETTINGS);
}

/** Everything the appraisal of a project holds now, grouped by study. */
export function loadAppraisal(db: Db, projectId: number): AppraisalState {
  const settings = appraisalSettings(db, projectId);
  const tool = projectTool(db, projectId);
  const studies = includedStudies(db, projectId);
  const repo = appraisalRepo(db);
  const group = <T extends { recordId: number }>(rows: T[]) => {
    const out = new Map<number, T[]>();
    for (const row of rows) {
      const study = studies.codingRecordOf.get(row.recordId);
      if (study !== undefined) out.set(study, [...(out.get(study) ?? []), row]);
    }
    return out;
  };
  const consensusDesign = new Map<number, ConsensusDesignRow>();
  for (const [study, rows] of group(repo.listConsensusDesigns(projectId)))
    consensusDesign.set(study, rows.at(-1)!);
  return {
    tool,
    settings,
    studies,
    formDesign: formDesigns(db, projectId, studies, tool, settings),
    appraisals: group(repo.listAppraisals(projectId)),
    answers: group(repo.listAnswers(projectId)),
    consensusDesign,
    consensusAnswers: group(repo.listConsensusAnswers(projectId)),
  };
}

/**
 * Each study's design from the extraction form: the design field's values as the synthesis
 * counts them (the consensus value, or with one coder per study the coders'), mapped to the tool.
 */
function formDesigns(
  db: Db,
  projectId: number,
  studies: CodingStudies,
  tool: AppraisalTool,
  settings: AppraisalSettings,
): Map<number, string | null> {
  const out = new Map<number, string | null>(studies.studies.map((s) => [s.recordId, null]));
  const field = settings.designField
    ? codingRepo(db)
        .listFields(projectId)
        .find((f) => f.key === settings.designField)
    : undefined;
  if (!field) return out;
  const { codersRequired } = codingSettings(db, projectId);
  const coding = codingByStudy(db, projectId, studies);
  for (const study of studies.studies) {
    const id = study.recordId;
    const agreed = coding.consensusValues.get(id)?.find((v) => v.fieldId === field.id)?.value;
    const coders = (coding.values.get(id) ?? []).filter((v) => v.fieldId === field.id).map((v) => v.value);
    const values = countedValues(codersRequired, agreed, coders).flatMap(valueStrings);
    out.set(id, designFromForm(tool, values, settings.designMap));
  }
  return out;
}

/** One appraiser's answers on a study, by criterion. */
export function answersOf(state: AppraisalState, studyId: number, userId: number): Record<string, string> {
  return Object.fromEntries(
    (state.answers.get(studyId) ?? []).filter((a) => a.userId === userId).map((a) => [a.criterion, a.answer]),
  );
}

/**
 * Who finished a study (marked it done), with their design, answers and when; once each (work
 * stored under two reports of a study that were grouped later counts from its first "done").
 */
export function finishedWork(state: AppraisalState, studyId: number) {
  const byUser = new Map<number, AppraisalRow & { doneAt: string }>();
  for (const a of state.appraisals.get(studyId) ?? []) {
    if (a.doneAt === null) continue;
    const seen = byUser.get(a.userId);
    if (!seen || a.doneAt < seen.doneAt) byUser.set(a.userId, { ...a, doneAt: a.doneAt });
  }
  return [...byUser.values()].map((a) => ({
    userId: a.userId,
    design: a.design,
    doneAt: a.doneAt,
    answers: answersOf(state, studyId, a.userId),
  }));
}

/**
 * The appraisal of a study the results count (domain/appraisal/consensus.ts), on the criteria of
 * the design it counts under (an answer to another design's criterion is left behind, not counted).
 */
export function countedOf(state: AppraisalState, studyId: number): CountedAppraisal {
  const consensus = state.consensusAnswers.get(studyId) ?? [];
  const counted = countedAppraisal({
    appraisersRequired: state.settings.appraisersRequired,
    formDesign: state.formDesign.get(studyId) ?? null,
    consensus: {
      design: state.consensusDesign.get(studyId)?.design ?? null,
      answers: Object.fromEntries(consensus.map((c) => [c.criterion, c.answer])),
    },
    finished: finishedWork(state, studyId),
  });
  const criteria = new Set(criteriaOf(state.tool, counted.design).map((c) => c.id));
  return {
    design: counted.design,
    answers: Object.fromEntries(Object.entries(counted.answers).filter(([id]) => criteria.has(id))),
    unresolved: counted.unresolved.filter((id) => id === 'design' || criteria.has(id)),
  };
}

/** A study's appraisal state for the visibility policy: the caller finished it; it has the appraisers it needs. */
export function appraisalProgress(
  state: AppraisalState,
  studyId: number,
  actor: Actor,
): { doneByCaller: boolean; complete: boolean; finished: number } {
  const finished = finishedWork(state, studyId);
  return {
    doneByCaller: finished.some((f) => f.userId === actor.userId),
    complete: finished.length >= state.settings.appraisersRequired,
    finished: finished.length,
  };
}

/** Refuses a caller who may not appraise here now (services/visibility.ts, requireStageWork). */
export function requireAppraiser(db: Db, projectId: number, actor: Actor): Visibility {
  return requireStageWork(db, projectId, actor, { action: 'appraise', stage: 'appraisal' });
}

/** The study a record names (any of its reports), as a 404 for a record that is none. */
export function studyOrNotFound(studies: CodingStudies, recordId: number): CodingStudy {
  try {
    return requireStudy(studies, recordId);
  } catch (error) {
    if (error instanceof ValidationError)
      throw new NotFoundError(`record ${recordId} is not an included study`);
    throw error;
  }
}

/** The study records (bibliographic fields) with the label tables cite them by. */
export function labelledStudies(db: Db, projectId: number, studies: CodingStudies) {
  const records = studyRecordsOf(db, projectId, studies);
  return (id: number) => {
    const r = records.get(id);
    return { record: r, label: r ? studyLabel(r.authors, r.year, r.title, r.id) : `#${id}` };
  };
}
