import type { RawField } from './types';

/**
 * Access to a record's tagged fields (RIS, MEDLINE, WoS) by tag, keeping file order: the raw
 * list stays the record of truth, this index only speeds up the field mapping.
 */
export class TagIndex {
  private readonly byTag = new Map<string, string[]>();

  constructor(raw: readonly RawField[]) {
    for (const [tag, value] of raw) {
      const values = this.byTag.get(tag);
      if (values) values.push(value);
      else this.byTag.set(tag, [value]);
    }
  }

  /** Every value of a tag in file order (empty values included). */
  all(tag: string): string[] {
    return this.byTag.get(tag) ?? [];
  }

  /** The first non-blank value among the tags, tried in the order given. */
  first(...tags: string[]): string | null {
    for (const tag of tags) {
      for (const value of this.all(tag)) if (value.trim() !== '') return value;
    }
    return null;
  }

  /** Every value of the tags in file order (within one tag); blank values dropped. */
  values(...tags: string[]): string[] {
    const out: string[] = [];
    for (const tag of tags) for (const value of this.all(tag)) if (value.trim() !== '') out.push(value);
    return out;
  }

  has(tag: string): boolean {
    return this.byTag.has(tag);
  }
}
