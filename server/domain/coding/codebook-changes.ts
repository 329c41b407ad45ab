import type { CodebookChanges } from '../../api/coding';
import type { Codebook, FieldDefinition } from './codebook';

/**
 * What importing a codebook file changes in a project's codebook, matched by key (a code's
 * `code`, a field's `key`), shown to the owner before anything is written: the API's type
 * (server/api/coding.ts), computed here.
 */
export type { CodebookChanges };

export interface ChangeOptions {
  /** Whether the file carries the extraction form (a JSON codebook does; a CSV one holds codes only). */
  withFields: boolean;
  /** Remove the codes (and, with fields, the fields) that the project has and the file does not. */
  removeMissing: boolean;
}

/** The changes an import of `incoming` makes to `current` (both in the domain's shape, parents by key). */
export function codebookChanges(
  current: Codebook,
  incoming: Codebook,
  options: ChangeOptions,
): CodebookChanges {
  const before = new Map(current.codes.map((c) => [c.code, c]));
  const after = new Set(incoming.codes.map((c) => c.code));
  const changes: CodebookChanges = {
    codes: { added: [], renamed: [], described: [], moved: [], removed: [], kept: [] },
    fields: { added: [], changed: [], removed: [], kept: [] },
  };
  for (const c of incoming.codes) {
    const old = before.get(c.code);
    if (!old) {
      changes.codes.added.push({ code: c.code, label: c.label, parent: c.parent });
      continue;
    }
    if (old.label !== c.label) changes.codes.renamed.push({ code: c.code, from: old.label, to: c.label });
    if (old.parent !== c.parent)
      changes.codes.moved.push({ code: c.code, label: c.label, from: old.parent, to: c.parent });
    if (old.description !== c.description) changes.codes.described.push({ code: c.code, label: c.label });
  }
  for (const c of current.codes)
    if (!after.has(c.code))
      changes.codes[options.removeMissing ? 'removed' : 'kept'].push({ code: c.code, label: c.label });

  if (!options.withFields) return changes;
  const fieldsBefore = new Map(current.fields.map((f) => [f.key, f]));
  const fieldsAfter = new Set(incoming.fields.map((f) => f.key));
  for (const f of incoming.fields) {
    const old = fieldsBefore.get(f.key);
    if (!old) {
      changes.fields.added.push({ key: f.key, label: f.label });
      continue;
    }
    const what = fieldDifferences(old, f);
    if (what.length > 0) changes.fields.changed.push({ key: f.key, label: f.label, what });
  }
  for (const f of current.fields)
    if (!fieldsAfter.has(f.key))
      changes.fields[options.removeMissing ? 'removed' : 'kept'].push({ key: f.key, label: f.label });
  return changes;
}

function fieldDifferences(a: FieldDefinition, b: FieldDefinition): ('label' | 'kind' | 'choices')[] {
  const what: ('label' | 'kind' | 'choices')[] = [];
  if (a.label !== b.label) what.push('label');
  if (a.kind !== b.kind) what.push('kind');
  if (a.options.join('\u0000') !== b.options.join('\u0000')) what.push('choices');
  return what;
}

/** Whether an import changes nothing at all. */
export function nothingChanges(changes: CodebookChanges): boolean {
  const { codes, fields } = changes;
  const counts = [codes.added, codes.renamed, codes.described, codes.moved, codes.removed].map(
    (l) => l.length,
  );
  counts.push(fields.added.length, fields.changed.length, fields.removed.length);
  return counts.every((n) => n === 0);
}
