import { ConflictError, ValidationError } from '../errors';
import { isChoiceKind, validateField, type FieldDefinition, type FieldKind } from './codebook';
import { valueStrings, type FieldValue } from './extraction';

/** What the extraction-form builder changes in a field; its key stays (values and exports name it). */
export interface FieldEdit {
  label?: string;
  kind?: FieldKind;
  /** The choices, in order, as they will read. */
  options?: string[];
  /** Choices renamed: stored values holding `from` are rewritten to `to` (which `options` lists). */
  renamedOptions?: { from: string; to: string }[];
}

/** A field edit the store can apply: the field as it will be, and the choices to rewrite in stored values. */
export interface FieldEditPlan {
  field: FieldDefinition;
  renames: { from: string; to: string }[];
}

/** How often each choice is used by the values stored for a field (every coder's and the consensus). */
export function choiceUse(stored: readonly FieldValue[]): Map<string, number> {
  const use = new Map<string, number>();
  for (const value of stored) for (const v of valueStrings(value)) use.set(v, (use.get(v) ?? 0) + 1);
  return use;
}

/**
 * Checks a change to a field against the values already stored for it, so no coder's value is
 * lost or left meaning something else: the kind changes only while nothing is stored; a choice
 * in use may be renamed (the values follow it) but not dropped.
 */
export function planFieldEdit(
  field: FieldDefinition,
  edit: FieldEdit,
  stored: readonly FieldValue[],
): FieldEditPlan {
  const kind = edit.kind ?? field.kind;
  const label = edit.label === undefined ? field.label : edit.label.trim();
  const options = !isChoiceKind(kind) ? [] : (edit.options ?? field.options).map((o) => o.trim());
  const next = validateField({ key: field.key, label, kind, options });
  const held = stored.filter((v) => v !== null);
  if (kind !== field.kind && held.length > 0)
    throw new ConflictError(
      `the field "${field.label}" holds ${held.length} value(s); its kind can change only while it holds none`,
    );
  const renames = (edit.renamedOptions ?? []).filter((r) => r.from !== r.to);
  const froms = new Set<string>();
  const tos = new Set<string>();
  for (const { from, to } of renames) {
    if (!field.options.includes(from)) throw new ValidationError(`there is no choice "${from}" to rename`);
    if (!next.options.includes(to))
      throw new ValidationError(`the renamed choice "${to}" is not in the list`);
    if (froms.has(from) || tos.has(to)) throw new ValidationError(`the choice "${from}" is renamed twice`);
    // renaming onto a choice that stays would merge two choices' values into one
    if (field.options.includes(to) && !renames.some((r) => r.from === to))
      throw new ValidationError(`"${to}" is already a choice: rename "${from}" to a new name`);
    froms.add(from);
    tos.add(to);
  }
  const use = choiceUse(held);
  const dropped = field.options.filter((o) => !next.options.includes(o) && !froms.has(o));
  const inUse = dropped.filter((o) => (use.get(o) ?? 0) > 0);
  if (inUse.length > 0)
    throw new ConflictError(
      `the choice ${inUse.map((o) => `"${o}" (used ${use.get(o)} time(s))`).join(', ')} is in use: ` +
        'rename it rather than remove it, or clear those values first',
    );
  return { field: next, renames };
}

/** A value with its choices renamed (a single choice, or each of a multiple choice's). */
export function renameChoices(
  value: FieldValue,
  renames: readonly { from: string; to: string }[],
): FieldValue {
  const to = new Map(renames.map((r) => [r.from, r.to]));
  if (typeof value === 'string') return to.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => to.get(v) ?? v);
  return value;
}
