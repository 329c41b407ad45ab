import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { codingRepo } from '../db/repos/coding';
import { getProject } from '../db/repos/projects';
import type { Actor } from '../domain/auth/actor';
import { codingDoneFinal } from '../domain/auth/visibility';
import { applyCodingPatch, CODING_SETTINGS, unblindCoding } from '../domain/coding/settings';
import { validateFieldValue } from '../domain/coding/extraction';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import { coderNames } from './coding';
import { codingSettings, finishedBy, includedStudies, requireCoder, requireStudy } from './coding-studies';
import type { ServiceDeps } from './deps';
import { updateSection } from './project-settings';
import { requireAction } from './screening-settings';

/**
 * The blind dual-coding protocol around the coders' own work: the coding settings, each
 * coder's "done" on a study, and the owner's reconciliation of both coders into the consensus
 * coding (accept one side, both, or edit; per code and per extraction field; who and when kept).
 */

export { codingSettings };

/** The owner changes how studies are coded (coders per study, blind). */
export function updateCodingSettings(
  db: Db,
  projectId: number,
  actor: Actor,
  patch: unknown,
): Api.CodingSettings {
  requireAction(actor, 'settings');
  return updateSection(db, projectId, CODING_SETTINGS, (current) => applyCodingPatch(current, patch));
}

/** The owner lets coders see each other's work on every study; there is no way back. */
export function unblindCodingStage(db: Db, projectId: number, actor: Actor): Api.CodingSettings {
  requireAction(actor, 'resolve');
  return updateSection(db, projectId, CODING_SETTINGS, unblindCoding);
}

/** A coder says they have finished a study; its other coders' work shows once they have too. */
export function markStudyDone(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  recordId: number,
): Api.StudyDone {
  const { db } = deps;
  requireCoder(db, projectId, actor);
  const study = requireStudy(includedStudies(db, projectId), recordId);
  db.transaction(() =>
    codingRepo(db).markDone(projectId, study.recordId, actor.userId, deps.clock()),
  ).immediate();
  // The answer says nothing of the other coders: whether the study is complete is theirs.
  return { recordId: study.recordId, done: true };
}

/**
 * A coder takes back their "done" to change their coding. While coding is blind to them this
 * is refused once the study has every finished coder it needs (they may have seen the other's
 * work since); the refusal says only that, never what the others coded.
 */
export function reopenStudy(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  recordId: number,
): Api.StudyDone {
  const { db } = deps;
  const vis = requireCoder(db, projectId, actor);
  return db
    .transaction(() => {
      const studies = includedStudies(db, projectId);
      const study = requireStudy(studies, recordId);
      const repo = codingRepo(db);
      const finished = finishedBy(studies, repo.listDone(projectId)).get(study.recordId) ?? new Set<number>();
      if (!finished.has(actor.userId)) throw new ConflictError('you have not marked this study done');
      const required = codingSettings(db, projectId).codersRequired;
      if (codingDoneFinal(actor, vis.blinding, { finished: finished.size, required }))
        throw new ConflictError(
          'this study has every finished coder it needs; while coding is blind, "done" is final from then on',
        );
      // every report of the study, included or not: a mark may have been stored under any of them
      const reports = [...studies.codingRecordOf].filter(([, of]) => of === study.recordId).map(([r]) => r);
      repo.unmarkDone(projectId, reports, actor.userId);
      return { recordId: study.recordId, done: false };
    })
    .immediate();
}

export interface ConsensusApplicationInput {
  recordId: number;
  /** Accept this coder's application (its code, and its excerpt, page and note unless given below). */
  fromApplicationId?: number;
  /** The code, when the owner writes one rather than accepting a coder's. */
  codeId?: number;
  excerpt?: string;
  page?: string | null;
  note?: string;
}

/** The owner reconciles: accepts a coder's application into the consensus (edited or not), or writes one. */
export function addConsensusApplication(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  input: ConsensusApplicationInput,
): Api.ConsensusApplication {
  const { db } = deps;
  getProject(db, projectId);
  requireAction(actor, 'resolve');
  const repo = codingRepo(db);
  const studies = includedStudies(db, projectId);
  const study = requireStudy(studies, input.recordId);
  const from =
    input.fromApplicationId === undefined
      ? undefined
      : repo.getApplication(projectId, input.fromApplicationId);
  if (
    input.fromApplicationId !== undefined &&
    (!from || studies.codingRecordOf.get(from.recordId) !== study.recordId)
  )
    throw new NotFoundError(`code application ${input.fromApplicationId} is not one of this study's`);
  const codeId = from?.codeId ?? input.codeId;
  if (codeId === undefined)
    throw new ValidationError('give the code (codeId) or the application to accept (fromApplicationId)');
  if (!repo.getCode(projectId, codeId)) throw new NotFoundError(`code ${codeId} not found`);
  const id = repo.insertConsensusApplication(
    projectId,
    {
      recordId: study.recordId,
      codeId,
      excerpt: input.excerpt ?? from?.excerpt ?? '',
      page: input.page !== undefined ? input.page : (from?.page ?? null),
      note: input.note ?? from?.note ?? '',
      fromApplicationId: from?.id ?? null,
      decidedBy: actor.userId,
      // an excerpt the owner rewrites is theirs; one taken over keeps the coder's flag
      illustrative: input.excerpt === undefined && (from?.illustrative ?? false),
    },
    deps.clock(),
  );
  const row = repo.getConsensusApplication(projectId, id)!;
  const name = coderNames(db);
  return { ...row, fromCoder: from ? name(from.userId) : null, decidedBy: name(row.decidedBy) };
}

/** The owner takes a code out of the consensus (kept, with who and when, for the audit). */
export function removeConsensusApplication(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  consensusId: number,
): void {
  getProject(deps.db, projectId);
  requireAction(actor, 'resolve');
  const repo = codingRepo(deps.db);
  if (!repo.getConsensusApplication(projectId, consensusId))
    throw new NotFoundError(`consensus code ${consensusId} not found`);
  repo.removeConsensusApplication(consensusId, actor.userId, deps.clock());
}

/** The owner reconciles one extraction field: a coder's value (fromUserId) or one they write. */
export function setConsensusValue(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  input: { recordId: number; field: string; value: unknown; fromUserId?: number | null },
): Api.ConsensusValue {
  const { db } = deps;
  getProject(db, projectId);
  requireAction(actor, 'resolve');
  const repo = codingRepo(db);
  const studies = includedStudies(db, projectId);
  const study = requireStudy(studies, input.recordId);
  const field = repo.listFields(projectId).find((f) => f.key === input.field);
  if (!field) throw new NotFoundError(`extraction field "${input.field}" not found`);
  const value = validateFieldValue(field, input.value);
  const fromUserId = input.fromUserId ?? null;
  if (fromUserId !== null) {
    const theirs = repo
      .listValues(projectId)
      .find(
        (v) =>
          v.userId === fromUserId &&
          v.fieldId === field.id &&
          studies.codingRecordOf.get(v.recordId) === study.recordId,
      );
    if (!theirs) throw new NotFoundError(`that coder has no value for "${field.key}" on this study`);
  }
  const now = deps.clock();
  repo.setConsensusValue(
    projectId,
    { recordId: study.recordId, fieldId: field.id, value, fromUserId, decidedBy: actor.userId },
    now,
  );
  const name = coderNames(db);
  return {
    value,
    fromCoder: fromUserId === null ? null : name(fromUserId),
    decidedBy: name(actor.userId),
    decidedAt: now.toISOString(),
  };
}
