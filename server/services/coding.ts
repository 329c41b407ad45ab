import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { codingRepo } from '../db/repos/coding';
import { findReport, includedReportIds } from '../db/repos/fulltext';
import { getProject } from '../db/repos/projects';
import { findUserById } from '../db/repos/users';
import type { Actor } from '../domain/auth/actor';
import { type Codebook, isValidKey, validateCodebook } from '../domain/coding/codebook';
import { dualCodingTables } from '../domain/coding/dual-coding';
import { studyLabel, validateFieldValue, valueStrings } from '../domain/coding/extraction';
import { buildReport, reportMarkdown } from '../domain/coding/report';
import type { SynthesisInput } from '../domain/coding/synthesis';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import type { ServiceDeps } from './deps';

/** The codebook as stored, in the domain's shape (parents by key), for export and display. */
export function readCodebook(db: Db, projectId: number): Codebook {
  const repo = codingRepo(db);
  const codes = repo.listCodes(projectId);
  const keyOf = new Map(codes.map((c) => [c.id, c.code]));
  return {
    codes: codes.map((c) => ({
      code: c.code,
      label: c.label,
      description: c.description,
      parent: c.parentId == null ? null : (keyOf.get(c.parentId) ?? null),
    })),
    fields: repo
      .listFields(projectId)
      .map(({ key, label, kind, options }) => ({ key, label, kind, options })),
  };
}

/** The codebook as the coding page shows it: codes and extraction fields with their ids. */
export function codebookWithIds(db: Db, projectId: number): Api.CodebookResponse {
  const repo = codingRepo(db);
  return { codes: repo.listCodes(projectId), fields: repo.listFields(projectId) };
}

/** Adds or updates codes and fields by key, all or nothing. */
export function importCodebook(db: Db, projectId: number, book: Codebook): Api.CodebookImported {
  validateCodebook(book);
  db.transaction(() => codingRepo(db).upsertCodebook(projectId, book))();
  return { codes: book.codes.length, fields: book.fields.length };
}

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
  const parentId = input.parentId === undefined ? code.parentId : input.parentId;
  if (parentId !== null) {
    // a code may not move beneath itself or one of its own descendants
    const codes = repo.listCodes(projectId);
    const parentOf = new Map(codes.map((c) => [c.id, c.parentId]));
    if (!parentOf.has(parentId)) throw new NotFoundError(`code ${parentId} not found`);
    for (let p: number | null | undefined = parentId; p != null; p = parentOf.get(p)) {
      if (p === codeId) throw new ValidationError('a code cannot be moved beneath itself');
    }
  }
  const label = input.label ?? code.label;
  if (label.trim() === '') throw new ValidationError('a label is required');
  repo.updateCode(codeId, { parentId, label, description: input.description ?? code.description });
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

/** Refuses a record that is not an included study: only studies included at full text are coded. */
function requireIncludedStudy(db: Db, projectId: number, recordId: number): void {
  if (!includedReportIds(db, projectId).includes(recordId))
    throw new ValidationError(`record ${recordId} is not an included study of this project`);
}

/** The included studies, each with a label and how many live code applications it has. */
export function listCodingStudies(db: Db, projectId: number): Api.CodingStudiesResponse {
  const repo = codingRepo(db);
  const counts = new Map<number, number>();
  for (const a of repo.listApplications(projectId)) counts.set(a.recordId, (counts.get(a.recordId) ?? 0) + 1);
  const studies = repo.studyRecords(projectId, includedReportIds(db, projectId)).map((r) => ({
    id: r.id,
    label: studyLabel(r.authors, r.year, r.title, r.id),
    title: r.title,
    applications: counts.get(r.id) ?? 0,
  }));
  return { studies };
}

/**
 * One included study as a coder sees it: the record, where its full text is, every live
 * code application (each marked `mine` or not), and the actor's own extraction values.
 */
export function codingStudy(db: Db, projectId: number, actor: Actor, recordId: number): Api.StudyDetail {
  const repo = codingRepo(db);
  const study = includedReportIds(db, projectId).includes(recordId)
    ? repo.studyRecord(projectId, recordId)
    : undefined;
  if (!study) throw new NotFoundError(`record ${recordId} is not an included study`);
  const name = coderNames(db);
  const fieldKey = new Map(repo.listFields(projectId).map((f) => [f.id, f.key]));
  const values: Record<string, Api.FieldValue> = {};
  for (const v of repo.listValues(projectId, recordId))
    if (v.userId === actor.userId) values[fieldKey.get(v.fieldId) ?? ''] = v.value;
  const report = findReport(db, recordId);
  const fullText: Api.StudyDetail['fullText'] = report?.pdfFile
    ? { kind: 'pdf', href: `/api/projects/${projectId}/fulltext/${recordId}/pdf` }
    : report?.url
      ? { kind: 'url', href: report.url }
      : null;
  return {
    study: { ...study, label: studyLabel(study.authors, study.year, study.title, study.id) },
    fullText,
    applications: repo
      .listApplications(projectId, recordId)
      .map((a) => ({ ...a, coder: name(a.userId), mine: a.userId === actor.userId })),
    values,
  };
}

export interface ApplyInput {
  recordId: number;
  codeId: number;
  excerpt?: string;
  page?: string | null;
  note?: string;
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
  requireIncludedStudy(db, projectId, input.recordId);
  if (!repo.getCode(projectId, input.codeId)) throw new NotFoundError(`code ${input.codeId} not found`);
  const id = repo.insertApplication(
    projectId,
    {
      recordId: input.recordId,
      codeId: input.codeId,
      userId: actor.userId,
      excerpt: input.excerpt ?? '',
      page: input.page ?? null,
      note: input.note ?? '',
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
  const repo = codingRepo(deps.db);
  const app = repo.getApplication(projectId, applicationId);
  if (!app) throw new NotFoundError(`code application ${applicationId} not found`);
  if (app.userId !== actor.userId && actor.role !== 'owner')
    throw new ValidationError('only the coder or an owner can remove this code application');
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
  requireIncludedStudy(db, projectId, input.recordId);
  const field = repo.listFields(projectId).find((f) => f.key === input.field);
  if (!field) throw new NotFoundError(`extraction field "${input.field}" not found`);
  const value = validateFieldValue(field, input.value);
  repo.setValue(
    projectId,
    { recordId: input.recordId, fieldId: field.id, userId: actor.userId, value },
    deps.clock(),
  );
  return value;
}

/**
 * Gathers the synthesis input of a project: the included studies, the live code applications
 * and the extraction values (every coder's values united, so dual-extracted studies count once).
 */
export function synthesisInput(
  db: Db,
  projectId: number,
  studyIds: readonly number[],
  coderName: (userId: number) => string,
): SynthesisInput {
  const repo = codingRepo(db);
  const wanted = new Set(studyIds);
  const records = repo.studyRecords(projectId, studyIds);
  const fields = new Map(repo.listFields(projectId).map((f) => [f.id, f.key]));
  const characteristics = new Map<number, Record<string, string[]>>();
  for (const v of repo.listValues(projectId)) {
    const key = fields.get(v.fieldId);
    if (!key || !wanted.has(v.recordId)) continue;
    const chars = characteristics.get(v.recordId) ?? {};
    chars[key] = [...new Set([...(chars[key] ?? []), ...valueStrings(v.value)])];
    characteristics.set(v.recordId, chars);
  }
  return {
    codes: repo
      .listCodes(projectId)
      .map((c) => ({ id: c.id, code: c.code, label: c.label, parentId: c.parentId })),
    studies: records.map((r) => ({
      id: r.id,
      label: studyLabel(r.authors, r.year, r.title, r.id),
      year: r.year,
      characteristics: characteristics.get(r.id) ?? {},
    })),
    applications: repo
      .listApplications(projectId)
      .filter((a) => wanted.has(a.recordId))
      .map((a) => ({
        studyId: a.recordId,
        codeId: a.codeId,
        coder: coderName(a.userId),
        excerpt: a.excerpt,
        page: a.page,
      })),
    summaries: repo.summaries(projectId),
  };
}

export function synthesisReport(input: SynthesisInput): Api.Synthesis {
  return { ...buildReport(input), agreement: dualCodingTables(input.codes, input.applications) };
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

/** Username lookup for coder columns, cached per call site (a report names few coders). */
export function coderNames(db: Db): (userId: number) => string {
  const cache = new Map<number, string>();
  return (id) => {
    if (!cache.has(id)) cache.set(id, findUserById(db, id)?.username ?? `user ${id}`);
    return cache.get(id)!;
  };
}

/** The synthesis of a project over its included studies (full-text includes). */
export function projectSynthesis(db: Db, projectId: number): Api.Synthesis {
  return synthesisReport(synthesisInput(db, projectId, includedReportIds(db, projectId), coderNames(db)));
}

/** The synthesis as a Markdown report titled with the project's name. */
export function synthesisMarkdown(db: Db, projectId: number): string {
  return reportMarkdown(projectSynthesis(db, projectId), getProject(db, projectId).name);
}
