import { ValidationError } from '../errors';
import type { FieldDefinition } from './codebook';

export type FieldValue = string | number | string[] | null;

const MAX_TEXT = 10_000;

/** Checks a value against its field's kind and options; null clears the field. */
export function validateFieldValue(field: FieldDefinition, value: unknown): FieldValue {
  if (value === null || value === '') return null;
  const where = `field "${field.key}"`;
  switch (field.kind) {
    case 'text':
      if (typeof value !== 'string') throw new ValidationError(`${where} takes text`);
      if (value.length > MAX_TEXT) throw new ValidationError(`${where}: at most ${MAX_TEXT} characters`);
      return value;
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw new ValidationError(`${where} takes a number`);
      return n;
    }
    case 'single':
      if (typeof value !== 'string' || !field.options.includes(value)) {
        throw new ValidationError(`${where} takes one of: ${field.options.join(', ')}`);
      }
      return value;
    case 'multiple': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !field.options.includes(v))) {
        throw new ValidationError(`${where} takes a list of: ${field.options.join(', ')}`);
      }
      return [...new Set(value as string[])];
    }
  }
}

/** The values of a field as a list of strings, for cross-tabs (numbers as text, lists flattened). */
export function valueStrings(value: FieldValue): string[] {
  if (value == null) return [];
  if (Array.isArray(value)) return value;
  return [String(value)];
}

/** "Family Year" for tables: the first author's family name and the year, or the title's start. */
export function studyLabel(authors: string[], year: number | null, title: string | null, id: number): string {
  const family = authors[0]?.split(',')[0]?.trim();
  const who = family || (title ? title.split(/\s+/).slice(0, 4).join(' ') : `Record ${id}`);
  return year == null ? who : `${who} ${year}`;
}
