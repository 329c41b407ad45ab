import type * as Api from '../api/types';
import type { Db } from '../db/connection';
import { codingRepo } from '../db/repos/coding';
import { getProject } from '../db/repos/projects';
import {
  type Codebook,
  type FieldDefinition,
  validateCodebook,
  validateField,
} from '../domain/coding/codebook';
import { codebookChanges, type CodebookChanges } from '../domain/coding/codebook-changes';
import { depthFirst, moveCode as moveInTree, moveItem, type CodePlace } from '../domain/coding/code-tree';
import { planFieldEdit, renameChoices, type FieldEdit } from '../domain/coding/field-edit';
import { ConflictError, NotFoundError } from '../domain/errors';

/**
 * The owner's codebook editor: codes moved and reordered, the extraction form built field by
 * field, and a codebook file imported after a preview of what it changes. Each write is one
 * transaction; codes and fields keep their ids, so what was coded with them stays with them.
 */

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

/** The codebook as the coding page and the editor show it: codes and extraction fields with their ids. */
export function codebookWithIds(db: Db, projectId: number): Api.CodebookResponse {
  const repo = codingRepo(db);
  return { codes: repo.listCodes(projectId), fields: repo.listFields(projectId) };
}

/** Adds or updates codes and fields by key, all or nothing (the CLI's and the demo's import: nothing removed). */
export function importCodebook(db: Db, projectId: number, book: Codebook): Api.CodebookImported {
  return applyCodebookImport(db, projectId, { book, withFields: true, removeMissing: false });
}

/** Moves a code (with its sub-codes) under another or to the top, at an index among its siblings. */
export function moveCode(db: Db, projectId: number, codeId: number, to: CodePlace): Api.CodebookResponse {
  getProject(db, projectId);
  const repo = codingRepo(db);
  db.transaction(() => {
    const placed = moveInTree(repo.listCodes(projectId), codeId, to);
    repo.placeCodes(placed.map((c, position) => ({ id: c.id, parentId: c.parentId, position })));
  }).immediate();
  return codebookWithIds(db, projectId);
}

/** Renumbers the codes depth-first, so the stored order is one the codebook export can be read back in. */
export function renumberCodes(db: Db, projectId: number): void {
  const repo = codingRepo(db);
  repo.placeCodes(depthFirst(repo.listCodes(projectId)).map((c, position) => ({ ...c, position })));
}

function requireField(db: Db, projectId: number, fieldId: number): Api.Field {
  const field = codingRepo(db)
    .listFields(projectId)
    .find((f) => f.id === fieldId);
  if (!field) throw new NotFoundError(`extraction field ${fieldId} not found`);
  return field;
}

/** Adds a field at the end of the extraction form. */
export function addField(db: Db, projectId: number, input: FieldDefinition): Api.Field {
  getProject(db, projectId);
  const repo = codingRepo(db);
  const field = validateField({
    ...input,
    label: input.label.trim(),
    options: input.options.map((o) => o.trim()),
  });
  return db
    .transaction(() => {
      if (repo.listFields(projectId).some((f) => f.key === field.key))
        throw new ConflictError(`the key "${field.key}" is already used by a field of this form`);
      return requireField(db, projectId, repo.insertField(projectId, field));
    })
    .immediate();
}

/** Changes a field's label, kind or choices; a renamed choice is renamed in every stored value too. */
export function editField(db: Db, projectId: number, fieldId: number, edit: FieldEdit): Api.Field {
  getProject(db, projectId);
  const repo = codingRepo(db);
  return db
    .transaction(() => {
      const field = requireField(db, projectId, fieldId);
      const stored = repo.fieldValues(fieldId);
      const plan = planFieldEdit(
        field,
        edit,
        stored.map((s) => s.value),
      );
      repo.updateField(fieldId, plan.field);
      if (plan.renames.length > 0)
        for (const row of stored) {
          const value = renameChoices(row.value, plan.renames);
          if (JSON.stringify(value) !== JSON.stringify(row.value))
            repo.rewriteFieldValue(fieldId, row, value);
        }
      return requireField(db, projectId, fieldId);
    })
    .immediate();
}

/** Moves a field to an index of the form (clamped to its ends). */
export function moveField(db: Db, projectId: number, fieldId: number, index: number): Api.CodebookResponse {
  getProject(db, projectId);
  const repo = codingRepo(db);
  db.transaction(() => {
    const fields = repo.listFields(projectId);
    const from = fields.findIndex((f) => f.id === fieldId);
    if (from < 0) throw new NotFoundError(`extraction field ${fieldId} not found`);
    repo.orderFields(moveItem(fields, from, index).map((f) => f.id));
  }).immediate();
  return codebookWithIds(db, projectId);
}

/** Removes a field, refused while any value is stored for it (nothing coded is lost). */
export function removeField(db: Db, projectId: number, fieldId: number): void {
  getProject(db, projectId);
  const repo = codingRepo(db);
  db.transaction(() => {
    const field = requireField(db, projectId, fieldId);
    const held = repo.fieldValues(fieldId).filter((v) => v.value !== null).length;
    if (held > 0)
      throw new ConflictError(
        `the field "${field.label}" holds ${held} value(s); clear them before removing it`,
      );
    repo.deleteField(fieldId);
  }).immediate();
}

export interface CodebookImportInput {
  book: Codebook;
  /** A JSON codebook carries the extraction form; a CSV one codes only (its fields stay as they are). */
  withFields: boolean;
  /** Remove what the project has and the file does not (refused for codes or fields in use). */
  removeMissing: boolean;
}

/** What importing a codebook would change, and what would stop it (codes or fields in use), without writing. */
export function previewCodebookImport(
  db: Db,
  projectId: number,
  input: CodebookImportInput,
): Api.CodebookImportPreview {
  getProject(db, projectId);
  validateCodebook(input.book);
  const changes = codebookChanges(readCodebook(db, projectId), input.book, input);
  return {
    changes,
    blocked: importBlockers(db, projectId, input, changes),
    removeMissing: input.removeMissing,
    withFields: input.withFields,
  };
}

/**
 * Why an import may not be applied: a code to remove that studies are coded with, a field to
 * remove that holds values, a field whose kind or choices change against the values it holds.
 */
function importBlockers(
  db: Db,
  projectId: number,
  input: CodebookImportInput,
  changes: CodebookChanges,
): string[] {
  const repo = codingRepo(db);
  const blocked: string[] = [];
  const codeId = new Map(repo.listCodes(projectId).map((c) => [c.code, c.id]));
  for (const c of changes.codes.removed) {
    const used = repo.countApplicationsUnder(codeId.get(c.code)!);
    if (used > 0)
      blocked.push(`the code "${c.label}" (${c.code}) is applied ${used} time(s) and cannot be removed`);
  }
  const fields = new Map(repo.listFields(projectId).map((f) => [f.key, f]));
  for (const f of changes.fields.removed) {
    const held = repo.fieldValues(fields.get(f.key)!.id).filter((v) => v.value !== null).length;
    if (held > 0)
      blocked.push(`the field "${f.label}" (${f.key}) holds ${held} value(s) and cannot be removed`);
  }
  const incoming = new Map(input.book.fields.map((f) => [f.key, f]));
  for (const f of changes.fields.changed) {
    const field = fields.get(f.key)!;
    const next = incoming.get(f.key)!;
    try {
      planFieldEdit(
        field,
        { label: next.label, kind: next.kind, options: next.options },
        repo.fieldValues(field.id).map((v) => v.value),
      );
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      blocked.push(error.message);
    }
  }
  return blocked;
}

/**
 * Imports a codebook: codes and fields added or updated by key, all or nothing; with
 * `removeMissing`, what the file does not hold is removed. Refused (409) when anything in use
 * would be lost, with the same reasons the preview gives.
 */
export function applyCodebookImport(
  db: Db,
  projectId: number,
  input: CodebookImportInput,
): Api.CodebookImported {
  getProject(db, projectId);
  validateCodebook(input.book);
  const repo = codingRepo(db);
  return db
    .transaction(() => {
      const changes = codebookChanges(readCodebook(db, projectId), input.book, input);
      const blocked = importBlockers(db, projectId, input, changes);
      if (blocked.length > 0)
        throw new ConflictError(`the codebook was not imported: ${blocked.join('; ')}`, { blocked });
      repo.upsertCodebook(projectId, {
        codes: input.book.codes,
        fields: input.withFields ? input.book.fields : [],
      });
      const removedCodes = new Set(changes.codes.removed.map((c) => c.code));
      for (const c of repo.listCodes(projectId)) if (removedCodes.has(c.code)) repo.deleteCode(c.id);
      const removedFields = new Set(changes.fields.removed.map((f) => f.key));
      for (const f of repo.listFields(projectId)) if (removedFields.has(f.key)) repo.deleteField(f.id);
      renumberCodes(db, projectId);
      if (input.withFields) orderFieldsAsIn(db, projectId, input.book.fields);
      return { codes: input.book.codes.length, fields: input.book.fields.length, changes };
    })
    .immediate();
}

/** The file's fields in its order, then the project's other fields in theirs. */
function orderFieldsAsIn(db: Db, projectId: number, fields: readonly FieldDefinition[]): void {
  const repo = codingRepo(db);
  const rank = new Map(fields.map((f, i) => [f.key, i]));
  const stored = repo.listFields(projectId);
  const ordered = [...stored].sort(
    (a, b) =>
      (rank.get(a.key) ?? fields.length + a.position) - (rank.get(b.key) ?? fields.length + b.position),
  );
  repo.orderFields(ordered.map((f) => f.id));
}
