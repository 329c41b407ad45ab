import { ParseError } from '../errors';
import { findControlCharacter } from './binary';
import { sniffDelimiter } from './delimited';
import { splitLines, stripBom } from './lines';
import type { FormatId } from './types';
import { isWosTabHeader } from './wos-tab';

/** How much of the file's start is looked at; enough for dozens of records in any format. */
export const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_LINES = 400;

const EXTENSIONS: Record<string, FormatId> = {
  ris: 'ris',
  nbib: 'medline',
  medline: 'medline',
  bib: 'bibtex',
  bibtex: 'bibtex',
  biblatex: 'bibtex',
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  xlsx: 'xlsx',
  xml: 'endnote-xml',
  ciw: 'wos-plain',
  enw: 'ris',
};

/** True for the start of a ZIP container (XLSX, DOCX, …). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** True for the start of an OLE2 compound file (.xls, .doc from Office 97–2003). */
export function isOle2(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/**
 * Decides a file's format from its content: the extension only breaks ties, because tools
 * misname files (PubMed's MEDLINE saved as .ris, Web of Science RIS saved as .txt, WoS plain
 * text saved as .ris). Throws a ParseError when the content is none of the formats Sift reads.
 */
export function detectFormat(text: string, fileName: string): FormatId {
  const sample = stripBom(text.slice(0, SAMPLE_CHARS));
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const byExtension = EXTENSIONS[extension] ?? null;

  if (sample.trim() === '') throw new ParseError(fileName, null, 'the file is empty');
  if (sample.startsWith('PK\u0003\u0004')) return 'xlsx';
  if (findControlCharacter(sample.slice(0, 4096)) >= 0) {
    throw new ParseError(
      fileName,
      null,
      'this is a binary file, not a bibliographic export (RIS, MEDLINE, BibTeX, CSV, XML, …)',
    );
  }

  const head = sample.trimStart();
  if (head.startsWith('<')) {
    if (
      /<PubmedArticleSet[\s>]|<PubmedArticle[\s>]|<PubmedBookArticle[\s>]|<!DOCTYPE PubmedArticleSet/.test(
        sample,
      )
    )
      return 'pubmed-xml';
    if (/<xml>\s*<records>\s*<record>|<records>\s*<record>/.test(sample)) return 'endnote-xml';
    throw new ParseError(
      fileName,
      1,
      'XML that is neither PubMed XML (<PubmedArticleSet>) nor EndNote XML (<xml><records><record>)',
    );
  }

  const lines = splitLines(sample).slice(0, SAMPLE_LINES);
  const scores = scoreTaggedFormats(lines);
  const tagged = bestTagged(scores, byExtension);
  if (tagged) return tagged;

  if (/^\s*@\s*[a-z]+\s*[{(]/im.test(sample) && bibtexWins(lines)) return 'bibtex';

  const firstLine = lines.find((l) => l.trim() !== '') ?? '';
  if (firstLine.includes('\t') && isWosTabHeader(firstLine)) return 'wos-tab';
  if (/[,;\t]/.test(firstLine)) {
    const delimiter = sniffDelimiter(sample);
    if (delimiter === '\t') return 'tsv';
    return byExtension === 'tsv' && firstLine.includes('\t') ? 'tsv' : 'csv';
  }
  if (byExtension && byExtension !== 'xlsx') return byExtension;
  throw new ParseError(
    fileName,
    1,
    'unrecognised format: expected RIS, PubMed/MEDLINE, Web of Science, BibTeX, CSV/TSV, EndNote XML or PubMed XML',
  );
}

interface TaggedScores {
  ris: number;
  medline: number;
  wosPlain: number;
}

/**
 * Scores the lines that only one tagged format writes: RIS's "TY  - "/"ER  -", MEDLINE's
 * "PMID- " and three- or four-letter tags ("FAU - ", "STAT- "), WoS's "FN …", "VR 1.0",
 * "PT J" and a bare "ER". The two-letter "XX  - " lines that RIS and MEDLINE share only
 * count when neither kind of marker is present.
 */
function scoreTaggedFormats(lines: string[]): TaggedScores {
  const scores: TaggedScores = { ris: 0, medline: 0, wosPlain: 0 };
  let shared = 0;
  let wosMarkers = 0;
  for (const line of lines) {
    if (/^(TY|ER) {1,2}-/.test(line)) scores.ris += 10;
    else if (/^PMID- ?\d/.test(line)) scores.medline += 10;
    else if (/^[A-Z][A-Z0-9]{2,3} {0,1}- /.test(line) && line[4] === '-') scores.medline += 2;
    else if (/^[A-Z][A-Z0-9] {2}- /.test(line)) shared++;
    else if (/^(FN|VR) \S|^PT [A-Z]\s*$|^(ER|EF)\s*$/.test(line)) {
      scores.wosPlain += 10;
      wosMarkers++;
    } else if (/^[A-Z][A-Z0-9] \S/.test(line)) scores.wosPlain += 1;
  }
  if (scores.ris === 0 && scores.medline === 0) scores.ris = shared >= 3 ? shared : 0;
  if (wosMarkers === 0) scores.wosPlain = 0; // "AB something" lines alone prove nothing
  return scores;
}

function bestTagged(scores: TaggedScores, byExtension: FormatId | null): FormatId | null {
  const ranked: [FormatId, number][] = [
    ['ris', scores.ris],
    ['medline', scores.medline],
    ['wos-plain', scores.wosPlain],
  ];
  ranked.sort((a, b) => b[1] - a[1] || Number(b[0] === byExtension) - Number(a[0] === byExtension));
  const [best, second] = ranked;
  if (!best || best[1] < 3) return null;
  // A near tie is settled by the extension when it names one of the two.
  if (second && second[1] > best[1] * 0.8 && second[0] === byExtension) return second[0];
  return best[0];
}

/** A file of @entries whose lines are not mostly tagged fields (an e-mail in RIS is not BibTeX). */
function bibtexWins(lines: string[]): boolean {
  const entries = lines.filter((l) => /^\s*@\s*[a-z]+\s*[{(]/i.test(l)).length;
  const tagged = lines.filter((l) => /^[A-Z][A-Z0-9]{1,3} {0,3}- /.test(l)).length;
  return entries > 0 && tagged < entries * 5;
}
