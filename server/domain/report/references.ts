import { Cite } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { RecordType } from '../import/normalise';
import type { CitableRecord, ReportStyle } from './types';

/**
 * References through citation-js and the CSL styles its plugin ships (apa, vancouver and
 * harvard1): Sift maps a record to CSL-JSON and writes no citation formatter of its own.
 */
const CSL_TEMPLATE: Record<ReportStyle, string> = { apa: 'apa', vancouver: 'vancouver', harvard: 'harvard1' };

/** Whether a style numbers its references in citation order (the others sort by author). */
export const NUMBERED_STYLES: ReadonlySet<ReportStyle> = new Set(['vancouver']);

/** The CSL-JSON item of a record (the fields a reference needs). */
export function cslItem(record: CitableRecord): Record<string, unknown> {
  const item: Record<string, unknown> = {
    id: `r${record.id}`,
    type: cslType(record),
    title: record.title ?? undefined,
    author: record.authors.map(cslName),
    'container-title': record.journal ?? undefined,
    volume: record.volume ?? undefined,
    issue: record.issue ?? undefined,
    page: record.pages ?? undefined,
    DOI: record.doi ?? undefined,
    URL: record.doi ? undefined : (record.url ?? undefined),
  };
  if (record.year != null) item.issued = { 'date-parts': [[record.year]] };
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined));
}

/** "Family, Given" → {family, given}; a name without a comma (an organisation) stays literal. */
function cslName(name: string): Record<string, string> {
  const comma = name.indexOf(',');
  if (comma < 0) return { literal: name.trim() };
  return { family: name.slice(0, comma).trim(), given: name.slice(comma + 1).trim() };
}

/** Sift's record types (domain/import/normalise.ts, RecordType) as CSL types; unknown ones by their journal. */
const CSL_TYPES: Record<RecordType, string> = {
  'journal-article': 'article-journal',
  book: 'book',
  'book-chapter': 'chapter',
  'conference-paper': 'paper-conference',
  thesis: 'thesis',
  report: 'report',
  preprint: 'article',
  dataset: 'dataset',
  webpage: 'webpage',
  other: 'document',
};

function cslType(record: CitableRecord): string {
  const known = CSL_TYPES[record.type as RecordType] as string | undefined;
  if (known && known !== 'document') return known;
  return record.journal ? 'article-journal' : 'document';
}

/** The references of `records` in `style`, as plain-text entries in the style's order. */
export function formatReferences(records: readonly CitableRecord[], style: ReportStyle): string[] {
  if (records.length === 0) return [];
  const cite = new Cite(records.map(cslItem));
  const entries = cite.format('bibliography', {
    format: 'text',
    template: CSL_TEMPLATE[style],
    lang: 'en-US',
    asEntryArray: true,
  }) as unknown as [string, string][];
  // Vancouver numbers entries itself ("1. …"); the renderers number them, so the style's own goes.
  const numbered = NUMBERED_STYLES.has(style);
  return entries.map(([, text]) => (numbered ? text.trim().replace(/^\d+\.\s+/, '') : text.trim()));
}
