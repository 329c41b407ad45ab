import type { RecordType } from '../import/normalise';
import { provenanceNote, provenanceTags } from './provenance';
import type { ExportOptions, ExportRecord } from './types';

// Sift's type vocabulary → RIS TY (the reverse of normaliseType for RIS).
const RIS_TYPES: Record<RecordType, string> = {
  'journal-article': 'JOUR',
  book: 'BOOK',
  'book-chapter': 'CHAP',
  'conference-paper': 'CPAPER',
  thesis: 'THES',
  report: 'RPRT',
  preprint: 'UNPB',
  dataset: 'DATA',
  webpage: 'ELEC',
  other: 'GEN',
};

const EOL = '\r\n';

/**
 * Records as RIS (CRLF line ends, as the RIS specification and EndNote expect). A record that
 * was imported from RIS is written back from its raw fields, tag by tag and in file order, so
 * RIS → Sift → RIS keeps every field; any other record is written from its normalised fields.
 */
export function exportRis(records: Iterable<ExportRecord>, options: ExportOptions = {}): string {
  let out = '';
  for (const record of records) {
    const fields = isRisRecord(record)
      ? record.raw.filter(([tag]) => tag !== 'ER')
      : normalisedFields(record);
    if (options.provenance) fields.push(['N1', provenanceNote(record)], ...provenanceKeywords(record));
    for (const [tag, value] of fields) out += risLine(tag, value);
    out += `ER  - ${EOL}${EOL}`;
  }
  return out;
}

function isRisRecord(record: ExportRecord): boolean {
  return record.sourceFormat === 'ris' && record.raw[0]?.[0] === 'TY';
}

/** One field; a multi-line value continues on untagged lines, as RIS readers expect. */
function risLine(tag: string, value: string): string {
  const lines = value.split(/\r\n|\r|\n/);
  return `${tag}  - ${lines.join(EOL)}${EOL}`;
}

function normalisedFields(record: ExportRecord): [string, string][] {
  const fields: [string, string][] = [['TY', RIS_TYPES[(record.type ?? 'other') as RecordType] ?? 'GEN']];
  const add = (tag: string, value: string | number | null | undefined): void => {
    if (value == null) return;
    const text = String(value).replace(/\s+/g, ' ').trim();
    if (text !== '') fields.push([tag, text]);
  };
  add('ID', record.sourceId);
  add('TI', record.title);
  for (const author of record.authors) add('AU', author);
  add('PY', record.year);
  add('T2', record.journal);
  add('VL', record.volume);
  add('IS', record.issue);
  const [start, end] = splitPages(record.pages);
  add('SP', start);
  add('EP', end);
  add('DO', record.doi);
  if (record.pmid) add('AN', record.pmid);
  add('SN', record.issn ?? record.isbn);
  if (record.issn && record.isbn) add('SN', record.isbn);
  // Abstracts keep their paragraph breaks; the reader joins continuation lines with a newline.
  if (record.abstract)
    fields.push([
      'AB',
      record.abstract
        .split(/\r\n|\r|\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .join('\n'),
    ]);
  for (const keyword of record.keywords) add('KW', keyword);
  add('LA', record.language);
  add('UR', record.url);
  add('DB', record.sourceName);
  return fields;
}

/** "12-19" → ["12", "19"]; a single page or an article number stays whole. */
function splitPages(pages: string | null): [string | null, string | null] {
  if (!pages) return [null, null];
  const dash = pages.indexOf('-');
  if (dash <= 0 || dash === pages.length - 1) return [pages, null];
  return [pages.slice(0, dash), pages.slice(dash + 1)];
}

/** The status and labels as keywords (KW): Zotero makes each KW a tag, EndNote a keyword. */
function provenanceKeywords(record: ExportRecord): [string, string][] {
  return provenanceTags(record).map((tag) => ['KW', tag]);
}
