import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { codingRepo } from '../db/repos/coding';
import { getProject } from '../db/repos/projects';
import type { Actor } from '../domain/auth/actor';
import { isValidKey } from '../domain/coding/codebook';
import { countedApplications, countedValues } from '../domain/coding/consensus';
import { dualCodingTables, type FinishedStudy } from '../domain/coding/dual-coding';
import { studyLabel, validateFieldValue, valueStrings } from '../domain/coding/extraction';
import { buildReport, reportMarkdown } from '../domain/coding/report';
import type { SynthesisApplication, SynthesisInput } from '../domain/coding/synthesis';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import {
  codingByStudy,
  codingSettings,
  finishedBy,
  includedStudies,
  requireCoder,
  requireStudy,
  studyProgress,
  studyRecordsOf,
} from './coding-studies';
import {
  codesByStratum,
  countStrata,
  keepStudies,
  synthesisTitle,
  type SynthesisAppraisalOption,
} from '../domain/appraisal/synthesis';
import { appraisalStrata } from './appraisal-summary';
import { moveCode } from './codebook';
import type { ServiceDeps } from './deps';
import { userNames } from './user-names';
import { visibilityFor } from './visibility';

// The codebook's readers and its import live with the editor (codebook.ts); callers import them here too.
export { codebookWithIds, importCodebook, readCodebook } from './codebook';

export interface CodeInput {
  code: string;
  label: string;
  description?: string;
  parentId?: number | null;
}

export function addCode(db: Db, projectId: number, input: CodeInput): Api.Code {
  const repo = codingRepo(db);
  const parentId = input.parentId ?? null;
  if (parentId !== null && !repo.getCode(projectId, parentId))
    throw new NotFoundError(`code ${parentId} not found`);
  if (!isValidKey(input.code))
    throw new ValidationError("a code's key must be 1–80 letters, digits, '.', '_' or '-'");
  if (input.label.trim() === '') throw new ValidationError('a label is required');
  if (repo.listCodes(projectId).some((c) => c.code === input.code)) {
    throw new ConflictError(`the key "${input.code}" is already used in this codebook`);
  }
  const id = repo.insertCode(projectId, {
    parentId,
    code: input.code,
    label: input.label,
    description: input.description ?? '',
  });
  return repo.getCode(projectId, id)!;
}

export function editCode(
  db: Db,
  projectId: number,
  codeId: number,
  input: Partial<Omit<CodeInput, 'code'>>,
): Api.Code {
  const repo = codingRepo(db);
  const code = repo.getCode(projectId, codeId);
  if (!code) throw new NotFoundError(`code ${codeId} not found`);
  const label = input.label === undefined ? code.label : input.label.trim();
  if (label === '') throw new ValidationError('a label is required');
  db.transaction(() => {
    repo.updateCode(codeId, {
      parentId: code.parentId,
      label,
      description: input.description ?? code.description,
    });
    // a new parent: the code goes last among its new siblings (refused beneath itself)
    if (input.parentId !== undefined && input.parentId !== code.parentId)
      moveCode(db, projectId, codeId, { parentId: input.parentId, index: Number.MAX_SAFE_INTEGER });
  }).immediate();
  return repo.getCode(projectId, codeId)!;
}

/** Deletes a code and its sub-codes, refused while any study is coded with them (nothing lost). */
export function removeCode(db: Db, projectId: number, codeId: number): void {
  const repo = codingRepo(db);
  if (!repo.getCode(projectId, codeId)) throw new NotFoundError(`code ${codeId} not found`);
  const used = repo.countApplicationsUnder(codeId);
  if (used > 0)
    throw new ConflictError(`the code (or a sub-code) is applied ${used} time(s); remove those first`);
  repo.deleteCode(codeId);
}

/**
 * The study a coder writes to (any report of it names it), refusing a record that is no
 * included study's and a study the coder marked done (their coding of it is fixed until they
 * reopen it: the agreement between coders is measured on what they finished).
 */
function studyToCode(db: Db, projectId: number, actor: Actor, recordId: number): number {
  requireCoder(db, projectId, actor);
  const studies = includedStudies(db, projectId);
  const study = requireStudy(studies, recordId);
  const finished = finishedBy(studies, codingRepo(db).listDone(projectId)).get(study.recordId);
  if (finished?.has(actor.userId))
    throw new ConflictError('you marked this study done; reopen it to change your coding');
  return study.recordId;
}

export interface ApplyInput {
  recordId: number;
  codeId: number;
  excerpt?: string;
  page?: string | null;
  note?: string;
  /** The excerpt is an illustrative example written for it, not a quotation (the demo's). */
  illustrative?: boolean;
}

/** Applies a code to an included study for the acting coder. */
export function applyCode(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  input: ApplyInput,
): Api.Application {
  const { db } = deps;
  const repo = codingRepo(db);
  const recordId = studyToCode(db, projectId, actor, input.recordId);
  if (!repo.getCode(projectId, input.codeId)) throw new NotFoundError(`code ${input.codeId} not found`);
  const id = repo.insertApplication(
    projectId,
    {
      recordId,
      codeId: input.codeId,
      userId: actor.userId,
      excerpt: input.excerpt ?? '',
      page: input.page ?? null,
      note: input.note ?? '',
      illustrative: input.illustrative ?? false,
    },
    deps.clock(),
  );
  return repo.getApplication(projectId, id)!;
}

/** Removes a code application; coders remove their own, owners anyone's. */
export function removeApplication(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  applicationId: number,
): void {
  const { db } = deps;
  const repo = codingRepo(db);
  const vis = requireCoder(db, projectId, actor);
  const app = repo.getApplication(projectId, applicationId);
  const notFound = new NotFoundError(`code application ${applicationId} not found`);
  if (!app) throw notFound;
  if (app.userId === actor.userId) studyToCode(db, projectId, actor, app.recordId);
  else if (actor.role !== 'owner') {
    // Another coder's code exists only for a caller who may see their work on that study.
    const studies = includedStudies(db, projectId);
    const study = studies.codingRecordOf.get(app.recordId);
    const finished =
      study === undefined ? undefined : finishedBy(studies, repo.listDone(projectId)).get(study);
    if (!vis.othersCoding(studyProgress(finished, actor, codingSettings(db, projectId)))) throw notFound;
    throw new ValidationError('only the coder or an owner can remove this code application');
  }
  repo.removeApplication(applicationId, deps.clock());
}

/** Fills one field of the extraction form for one included study and the acting coder. */
export function setExtractionValue(
  deps: ServiceDeps,
  projectId: number,
  actor: Actor,
  input: { recordId: number; field: string; value: unknown },
): Api.FieldValue {
  const { db } = deps;
  const repo = codingRepo(db);
  const recordId = studyToCode(db, projectId, actor, input.recordId);
  const field = repo.listFields(projectId).find((f) => f.key === input.field);
  if (!field) throw new NotFoundError(`extraction field "${input.field}" not found`);
  const value = validateFieldValue(field, input.value);
  repo.setValue(projectId, { recordId, fieldId: field.id, userId: actor.userId, value }, deps.clock());
  return value;
}

/**
 * The synthesis input of a project: one study per included study (reports grouped as one study
 * count once), each with the coding the synthesis counts (domain/coding/consensus.ts: the
 * consensus, or with one coder per study the coders' own where there is none), and the coders'
 * own work and done marks for the agreement between them.
 */
export function synthesisInput(
  db: Db,
  projectId: number,
  coderName: (userId: number) => string,
): SynthesisInput & { coderApplications: SynthesisApplication[]; finished: FinishedStudy[] } {
  const repo = codingRepo(db);
  const studies = includedStudies(db, projectId);
  const { codersRequired } = codingSettings(db, projectId);
  const coding = codingByStudy(db, projectId, studies);
  const records = studyRecordsOf(db, projectId, studies);
  const fields = repo.listFields(projectId);
  const coderOf = new Map(repo.listApplications(projectId).map((a) => [a.id, a.userId]));
  const applications: SynthesisApplication[] = [];
  const coderApplications: SynthesisApplication[] = [];
  const finished: FinishedStudy[] = [];
  const synthesisStudies = studies.studies.map((study) => {
    const id = study.recordId;
    const own = (coding.applications.get(id) ?? []).map((a) => ({
      studyId: id,
      codeId: a.codeId,
      coder: coderName(a.userId),
      excerpt: a.excerpt,
      page: a.page,
      illustrative: a.illustrative,
    }));
    coderApplications.push(...own);
    const consensus = (coding.consensusApplications.get(id) ?? []).map((a) => ({
      studyId: id,
      codeId: a.codeId,
      coder: consensusCoder(a.fromApplicationId, coderOf, coderName),
      excerpt: a.excerpt,
      page: a.page,
      illustrative: a.illustrative,
    }));
    applications.push(...countedApplications(codersRequired, consensus, own));
    for (const userId of new Set((coding.done.get(id) ?? []).map((d) => d.userId)))
      finished.push({ coder: coderName(userId), studyId: id });
    const characteristics: Record<string, string[]> = {};
    for (const field of fields) {
      const agreed = coding.consensusValues.get(id)?.find((v) => v.fieldId === field.id)?.value;
      const coders = (coding.values.get(id) ?? []).filter((v) => v.fieldId === field.id).map((v) => v.value);
      const values = countedValues(codersRequired, agreed, coders).flatMap(valueStrings);
      if (values.length > 0) characteristics[field.key] = [...new Set(values)];
    }
    const r = records.get(id);
    return {
      id,
      label: r ? studyLabel(r.authors, r.year, r.title, r.id) : `#${id}`,
      year: r?.year ?? null,
      characteristics,
    };
  });
  return {
    codes: repo
      .listCodes(projectId)
      .map((c) => ({ id: c.id, code: c.code, label: c.label, parentId: c.parentId })),
    studies: synthesisStudies,
    applications,
    summaries: repo.summaries(projectId),
    coderApplications,
    finished,
  };
}

/** Who an evidence row of the consensus is credited to: the coder it was accepted from, else the consensus. */
function consensusCoder(
  fromApplicationId: number | null,
  coderOf: Map<number, number>,
  coderName: (userId: number) => string,
): string {
  const userId = fromApplicationId === null ? undefined : coderOf.get(fromApplicationId);
  return userId === undefined ? 'consensus' : coderName(userId);
}

/** The synthesis report (every count over studies) with the agreement between coders. */
export function synthesisReport(
  input: ReturnType<typeof synthesisInput>,
  codersRequired: 1 | 2,
): Api.Synthesis {
  const { coderApplications, finished, ...counted } = input;
  return {
    ...buildReport(counted),
    coding: {
      codersRequired,
      studiesWithCoding: new Set(counted.applications.map((a) => a.studyId)).size,
    },
    agreement: dualCodingTables(counted.codes, coderApplications, finished),
  };
}

export function setThemeSummary(
  deps: ServiceDeps,
  projectId: number,
  input: { codeId: number; summary: string },
): void {
  const repo = codingRepo(deps.db);
  if (!repo.getCode(projectId, input.codeId)) throw new NotFoundError(`code ${input.codeId} not found`);
  if (input.summary.length > 50_000) throw new ValidationError('a summary holds at most 50,000 characters');
  repo.setSummary(projectId, input.codeId, input.summary, deps.clock());
}

/** Username lookup for coder columns (services/user-names.ts). */
export const coderNames = userNames;

/** How the synthesis is asked for: by appraisal result or not (undefined, the default). */
export interface SynthesisOptions {
  appraisal?: SynthesisAppraisalOption | undefined;
}

/** The synthesis of a project over its included studies, without blinding (the CLI, reports). */
export function projectSynthesis(db: Db, projectId: number, options: SynthesisOptions = {}): Api.Synthesis {
  const input = synthesisInput(db, projectId, coderNames(db));
  const { codersRequired } = codingSettings(db, projectId);
  if (options.appraisal === undefined) return synthesisReport(input, codersRequired);
  const { tool, strata } = appraisalStrata(db, projectId);
  const appraisal = {
    option: options.appraisal,
    tool,
    studies: countStrata(
      input.studies.map((s) => s.id),
      strata,
    ),
  };
  if (options.appraisal === 'all-yes') {
    const kept = keepStudies(input, (id) => strata.get(id) === 'meets-all');
    return { ...synthesisReport(kept, codersRequired), appraisal };
  }
  const report = synthesisReport(input, codersRequired);
  const byStratum = codesByStratum(input, strata);
  return {
    ...report,
    codes: report.codes.map((c) => ({ ...c, appraisal: byStratum.get(c.code)! })),
    appraisal,
  };
}

/**
 * The synthesis as this member may see it: computed from the screening outcomes and from
 * every coder's work, so shown once title/abstract, full text and coding are open to them;
 * by appraisal result, also once the appraisal is.
 */
export function synthesisFor(
  db: Db,
  projectId: number,
  actor: Actor,
  options: SynthesisOptions = {},
): Api.Synthesis {
  getProject(db, projectId);
  const vis = visibilityFor(db, projectId, actor);
  vis.require({ kind: 'synthesis' });
  if (options.appraisal !== undefined) vis.require({ kind: 'appraisal' });
  return projectSynthesis(db, projectId, options);
}

/** The agreement between coders as this member may see it (the synthesis's `agreement`). */
export function codingAgreementFor(db: Db, projectId: number, actor: Actor): Api.CodingAgreementResponse {
  return { agreement: synthesisFor(db, projectId, actor).agreement };
}

/** The synthesis as a Markdown report titled with the project's name, as this member may see it. */
export function synthesisMarkdown(
  db: Db,
  projectId: number,
  actor: Actor,
  options: SynthesisOptions = {},
): string {
  const title = synthesisTitle(getProject(db, projectId).name, options.appraisal);
  return reportMarkdown(synthesisFor(db, projectId, actor, options), title);
}
