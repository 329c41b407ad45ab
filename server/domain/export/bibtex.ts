import type { RecordType } from '../import/normalise';
import { provenanceNote, provenanceTags } from './provenance';
import type { ExportOptions, ExportRecord } from './types';

// Sift's type vocabulary → BibTeX entry type.
const ENTRY_TYPES: Record<RecordType, string> = {
  'journal-article': 'article',
  book: 'book',
  'book-chapter': 'incollection',
  'conference-paper': 'inproceedings',
  thesis: 'phdthesis',
  report: 'techreport',
  preprint: 'unpublished',
  dataset: 'misc',
  webpage: 'misc',
  other: 'misc',
};

// The container field each entry type uses for Sift's "journal".
const CONTAINER: Record<string, string> = {
  article: 'journal',
  incollection: 'booktitle',
  inproceedings: 'booktitle',
  techreport: 'institution',
  phdthesis: 'school',
};

/**
 * Records as BibTeX that BibTeX, biber, Zotero and EndNote read: UTF-8 text with LaTeX's
 * special characters escaped, titles brace-protected, names in "von Last, Jr, First" form,
 * and citation keys unique within the file (the record's own key when it has a usable one).
 */
export function exportBibtex(records: Iterable<ExportRecord>, options: ExportOptions = {}): string {
  const usedKeys = new Set<string>();
  const entries: string[] = [];
  for (const record of records) {
    const fromBibtex = record.sourceFormat === 'bibtex' && record.raw[0]?.[0] === 'ENTRYTYPE';
    const type = fromBibtex
      ? record.raw[0]![1]
      : (ENTRY_TYPES[(record.type ?? 'other') as RecordType] ?? 'misc');
    const key = uniqueKey(record, usedKeys);
    const fields: [string, string][] = [];
    const add = (name: string, value: string | number | null | undefined, protect = false): void => {
      if (value == null || value === '') return;
      const escaped = escapeLatex(String(value));
      fields.push([name, protect ? `{${escaped}}` : escaped]);
    };
    // Identifiers and addresses are written as they are; only braces would upset the syntax.
    const addVerbatim = (name: string, value: string | null): void => {
      if (value) fields.push([name, value.replace(/[{}]/g, (c) => `\\${c}`)]);
    };
    if (fromBibtex) {
      // Written back as read (macros already expanded), so BibTeX → Sift → BibTeX keeps every field.
      for (const [name, value] of record.raw.slice(1)) {
        if (name === 'ID' || !/^[^\s=,{}()"#%@']+$/.test(name)) continue;
        fields.push([name, balanced(value) ? value : escapeLatex(value)]);
      }
    } else {
      normalisedFields(record, type, add, addVerbatim, fields);
    }
    if (options.provenance) {
      add('sift_id', record.id);
      add('sift_source', record.sourceName);
      add('sift_source_id', record.sourceId);
      add('sift_status', record.status);
      add('sift_stage', record.stage);
      add('sift_reason', record.exclusionReason);
      add('sift_duplicate_of', record.duplicateOf);
      // The sift_* fields are ours alone: Zotero's BibTeX translator reads `note` (into Extra)
      // and `keywords` (as tags), EndNote reads them as Notes and Keywords.
      appendField(fields, 'note', escapeLatex(provenanceNote(record)), '. ');
      const tags = provenanceTags(record);
      if (tags.length > 0) appendField(fields, 'keywords', escapeLatex(tags.join('; ')), '; ');
    }
    entries.push(
      `@${type}{${key},\n${fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n')}\n}\n`,
    );
  }
  return entries.join('\n');
}

type Add = (name: string, value: string | number | null | undefined, protect?: boolean) => void;

function normalisedFields(
  record: ExportRecord,
  type: string,
  add: Add,
  addVerbatim: (name: string, value: string | null) => void,
  fields: [string, string][],
): void {
  add('title', record.title, true);
  if (record.authors.length > 0) fields.push(['author', record.authors.map(bibtexName).join(' and ')]);
  add('year', record.year);
  add(CONTAINER[type] ?? 'journal', record.journal);
  add('volume', record.volume);
  add('number', record.issue);
  if (record.pages)
    fields.push(['pages', escapeLatex(record.pages).replace(/(\d)-(?=\d|[a-zA-Z]?\d)/g, '$1--')]);
  addVerbatim('doi', record.doi);
  addVerbatim('pmid', record.pmid);
  addVerbatim('isbn', record.isbn);
  addVerbatim('issn', record.issn);
  add('abstract', record.abstract);
  // Semicolons, so that keywords holding commas ("Ear, Middle") survive the round trip.
  // A lone keyword with a comma gets a trailing ";" so readers split on ";" rather than ",".
  if (record.keywords.length > 0)
    add(
      'keywords',
      record.keywords.join('; ') +
        (record.keywords.length === 1 && record.keywords[0]!.includes(',') ? ';' : ''),
    );
  add('language', record.language);
  addVerbatim('url', record.url);
}

/** Adds a field, or appends to the one of that name already there (a record's own note or keywords). */
function appendField(fields: [string, string][], name: string, value: string, separator: string): void {
  const existing = fields.find(([n]) => n.toLowerCase() === name);
  if (existing) existing[1] = `${existing[1]}${separator}${value}`;
  else fields.push([name, value]);
}

/** True when every brace in a raw value is matched (escaped braces \{ \} do not count). */
function balanced(value: string): boolean {
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/** The record's own key if it is a valid BibTeX key not used yet; else author+year+word, suffixed a, b, … */
function uniqueKey(record: ExportRecord, used: Set<string>): string {
  const own = record.sourceId?.trim() ?? '';
  let base = /^[A-Za-z0-9_:.+/-]+$/.test(own) ? own : generatedKey(record);
  if (base === '') base = `sift${record.id}`;
  let key = base;
  for (let n = 0; used.has(key.toLowerCase()); n++) key = `${base}${suffix(n)}`;
  used.add(key.toLowerCase());
  return key;
}

function generatedKey(record: ExportRecord): string {
  const family = (record.authors[0] ?? '').split(',')[0] ?? '';
  const word = (record.title ?? '').split(/\s+/).find((w) => w.replace(/[^\p{L}]/gu, '').length > 3) ?? '';
  return asciiKey(family) + (record.year ?? '') + asciiKey(word);
}

function asciiKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}

function suffix(n: number): string {
  let s = '';
  for (let i = n; i >= 0; i = Math.floor(i / 26) - 1) s = String.fromCharCode(97 + (i % 26)) + s;
  return s;
}

/**
 * "Family, Given, Suffix" → "Family, Suffix, Given" (BibTeX's order); a name without a comma
 * (an organisation) is braced whole so BibTeX does not split it into first and last names.
 */
function bibtexName(name: string): string {
  const parts = name.split(',').map((p) => p.trim());
  if (parts.length === 1 || parts.length > 3 || parts.some((p) => p === '')) return `{${escapeLatex(name)}}`;
  const [family, given, jr] = parts.map(protectAnd);
  return jr ? `${family}, ${jr}, ${given}` : `${family}, ${given}`;
}

/** Escapes, and braces a standalone "and" so it is not read as a name separator. */
function protectAnd(part: string): string {
  return escapeLatex(part).replace(/(^|\s)(and)(?=\s|$)/gi, '$1{$2}');
}

const ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '`': '\\`{}',
};

/** Escapes the characters LaTeX treats specially; other Unicode passes as UTF-8. */
export function escapeLatex(text: string): string {
  return (
    text
      .replace(/[\\{}%&$#_~^`]/g, (c) => ESCAPES[c] ?? c)
      // Dashes and quotes that LaTeX would turn into ligatures (-- ---  '') stay as typed.
      .replace(/-(?=-)/g, '-{}')
      .replace(/'(?=')/g, "'{}")
  );
}
