import { parse } from 'csv-parse/sync';
import { csvTable } from '../csv/write';
import { ParseError, ValidationError } from '../errors';

/** One code of a hierarchical codebook; `parent` names the parent's `code`, null for a theme. */
export interface CodeDefinition {
  code: string;
  label: string;
  description: string;
  parent: string | null;
}

export type FieldKind = 'text' | 'number' | 'single' | 'multiple';

/** One field of the extraction form filled for every included study. */
export interface FieldDefinition {
  key: string;
  label: string;
  kind: FieldKind;
  /** The allowed values of a single or multiple choice field; empty otherwise. */
  options: string[];
}

export interface Codebook {
  codes: CodeDefinition[];
  fields: FieldDefinition[];
}

const CODE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

/** Keys of codes and fields are used by scripts and exports, so they stay short and plain. */
export function isValidKey(key: string): boolean {
  return CODE_KEY.test(key);
}
export const FIELD_KINDS: readonly FieldKind[] = ['text', 'number', 'single', 'multiple'];

/**
 * Checks a codebook before anything is stored: keys well formed and unique, parents known and
 * listed before their children (so it can be inserted in order), no cycles, choice fields with options.
 */
export function validateCodebook(book: Codebook): Codebook {
  const seen = new Set<string>();
  for (const [i, c] of book.codes.entries()) {
    const where = `code ${i + 1} (${c.code || 'no key'})`;
    if (!CODE_KEY.test(c.code))
      throw new ValidationError(`${where}: the key must be 1–80 letters, digits, '.', '_' or '-'`);
    if (seen.has(c.code)) throw new ValidationError(`${where}: the key is used twice`);
    if (c.label.trim() === '') throw new ValidationError(`${where}: a label is required`);
    if (c.parent !== null && !seen.has(c.parent)) {
      throw new ValidationError(`${where}: parent "${c.parent}" must be listed before it`);
    }
    seen.add(c.code);
  }
  const keys = new Set<string>();
  for (const [i, f] of book.fields.entries()) {
    const where = `field ${i + 1} (${f.key || 'no key'})`;
    validateField(f, where);
    if (keys.has(f.key)) throw new ValidationError(`${where}: the key is used twice`);
    keys.add(f.key);
  }
  return book;
}

/** Whether a field kind offers choices (and so needs options). */
export function isChoiceKind(kind: FieldKind): boolean {
  return kind === 'single' || kind === 'multiple';
}

/**
 * Checks one extraction field: a plain key, a label, a known kind, and for a choice field at
 * least one option, each non-empty and none twice (a value names its option by its text).
 */
export function validateField(f: FieldDefinition, where = `field "${f.key}"`): FieldDefinition {
  if (!CODE_KEY.test(f.key))
    throw new ValidationError(`${where}: the key must be 1–80 letters, digits, '.', '_' or '-'`);
  if (f.label.trim() === '') throw new ValidationError(`${where}: a label is required`);
  if (!FIELD_KINDS.includes(f.kind))
    throw new ValidationError(`${where}: kind must be one of ${FIELD_KINDS.join(', ')}`);
  if (isChoiceKind(f.kind) && f.options.length === 0)
    throw new ValidationError(`${where}: a choice field needs options`);
  const seen = new Set<string>();
  for (const option of f.options) {
    if (option.trim() === '') throw new ValidationError(`${where}: a choice cannot be empty`);
    if (seen.has(option)) throw new ValidationError(`${where}: the choice "${option}" is listed twice`);
    seen.add(option);
  }
  return f;
}

/** Orders codes so every parent precedes its children (depth-first, keeping sibling order). */
export function orderCodes(codes: CodeDefinition[]): CodeDefinition[] {
  const children = new Map<string | null, CodeDefinition[]>();
  for (const c of codes) children.set(c.parent, [...(children.get(c.parent) ?? []), c]);
  const ordered: CodeDefinition[] = [];
  const visit = (parent: string | null): void => {
    for (const c of children.get(parent) ?? []) {
      ordered.push(c);
      visit(c.code);
    }
  };
  visit(null);
  if (ordered.length < codes.length) {
    const placed = new Set(ordered.map((c) => c.code));
    const lost = codes.find((c) => !placed.has(c.code));
    throw new ValidationError(
      `code "${lost?.code}": parent "${lost?.parent}" is not in the codebook (or the parents form a cycle)`,
    );
  }
  return ordered;
}

/** The JSON export: stable, human-readable, and what `codebookFromJson` reads back. */
export function codebookToJson(book: Codebook): string {
  return JSON.stringify({ format: 'sift-codebook', version: 1, ...book }, null, 2) + '\n';
}

export function codebookFromJson(text: string, fileName: string): Codebook {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ParseError(fileName, null, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || !Array.isArray((data as Codebook).codes)) {
    throw new ParseError(fileName, null, 'expected an object with a "codes" array');
  }
  const raw = data as { codes: unknown[]; fields?: unknown[] };
  const codes = raw.codes.map((c, i) => {
    const o = (c ?? {}) as Record<string, unknown>;
    if (typeof o.code !== 'string' || typeof o.label !== 'string') {
      throw new ParseError(fileName, null, `codes[${i}] needs string "code" and "label"`);
    }
    return {
      code: o.code,
      label: o.label,
      description: typeof o.description === 'string' ? o.description : '',
      parent: typeof o.parent === 'string' && o.parent !== '' ? o.parent : null,
    };
  });
  const fields = (raw.fields ?? []).map((f, i) => {
    const o = (f ?? {}) as Record<string, unknown>;
    if (typeof o.key !== 'string' || typeof o.label !== 'string' || typeof o.kind !== 'string') {
      throw new ParseError(fileName, null, `fields[${i}] needs string "key", "label" and "kind"`);
    }
    const options = Array.isArray(o.options) ? o.options.map(String) : [];
    return { key: o.key, label: o.label, kind: o.kind as FieldKind, options };
  });
  return validateCodebook({ codes, fields });
}

/** CSV columns of the codebook export; extraction fields are not part of the CSV form. */
export const CODEBOOK_CSV_COLUMNS = ['code', 'parent', 'label', 'description'] as const;

/** The codebook's codes as CSV, through the shared writer (a label starting with "=" is defused). */
export function codebookToCsv(book: Codebook): string {
  return csvTable([CODEBOOK_CSV_COLUMNS, ...book.codes.map((c) => [c.code, c.parent ?? '', c.label, c.description])]);
}

/** Reads a codebook CSV (columns code, parent, label, description in any order); keeps existing fields out. */
export function codebookFromCsv(text: string, fileName: string): Codebook {
  let rows: Record<string, string>[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), {
      columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()),
      skip_empty_lines: true,
    });
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new ParseError(fileName, e.lines ?? null, e.message);
  }
  const codes = rows.map((r, i) => {
    if (r.code === undefined || r.label === undefined) {
      throw new ParseError(fileName, i + 2, 'the CSV needs "code" and "label" columns');
    }
    return {
      code: r.code.trim(),
      label: r.label.trim(),
      description: (r.description ?? '').trim(),
      parent: r.parent?.trim() || null,
    };
  });
  try {
    return validateCodebook({ codes: orderCodes(codes), fields: [] });
  } catch (error) {
    throw new ParseError(fileName, null, (error as Error).message);
  }
}
