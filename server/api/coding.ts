/** The coding API: …/codebook, …/codes, …/coding/…, and the synthesis (…/synthesis). */

/** A code of the codebook (a theme); codes nest through parentId. */
export interface Code {
  id: number;
  parentId: number | null;
  code: string;
  label: string;
  description: string;
  position: number;
}

export type FieldKind = 'text' | 'number' | 'single' | 'multiple';

/** A field of the extraction form (study characteristics). */
export interface Field {
  id: number;
  key: string;
  label: string;
  kind: FieldKind;
  /** The allowed values of a single or multiple choice field; empty otherwise. */
  options: string[];
  position: number;
}

/** GET …/codebook. */
export interface CodebookResponse {
  codes: Code[];
  fields: Field[];
}

/** POST …/codebook/import: how many codes and fields the file held. */
export interface CodebookImported {
  codes: number;
  fields: number;
}

/** One value of the extraction form; null clears the field. */
export type FieldValue = string | number | string[] | null;

/** PUT …/coding/studies/:recordId/values/:field: the value as stored. */
export interface FieldValueSaved {
  value: FieldValue;
}

/** A code applied to a study by one coder (POST …/coding/studies/:recordId/applications). */
export interface Application {
  id: number;
  recordId: number;
  codeId: number;
  userId: number;
  excerpt: string;
  page: string | null;
  note: string;
  createdAt: string;
}

/** GET …/coding/studies: one included study. */
export interface StudyListItem {
  id: number;
  /** How the study is cited, e.g. "Oliver 2019". */
  label: string;
  title: string | null;
  /** Codes applied to it, by every coder. */
  applications: number;
}

export interface CodingStudiesResponse {
  studies: StudyListItem[];
}

/** An application as the study view lists it. */
export interface StudyApplication extends Application {
  coder: string;
  /** Whether the caller applied it (and so may remove it). */
  mine: boolean;
}

/** GET …/coding/studies/:recordId. */
export interface StudyDetail {
  study: {
    id: number;
    label: string;
    title: string | null;
    authors: string[];
    year: number | null;
    journal: string | null;
    abstract: string | null;
    doi: string | null;
    url: string | null;
  };
  /** Our own PDF route (kind pdf) or the linked URL (kind url). */
  fullText: { kind: 'pdf' | 'url'; href: string } | null;
  applications: StudyApplication[];
  /** The caller's extraction values by field key. */
  values: Record<string, FieldValue>;
}

export interface CodeFrequency {
  code: string;
  label: string;
  parent: string | null;
  depth: number;
  /** Distinct studies coded with this code or a descendant. */
  studies: number;
  /** Distinct studies coded with exactly this code. */
  direct: number;
  /** Supporting excerpts under this code and its descendants. */
  excerpts: number;
  /** studies ÷ all included studies, 0–1. */
  share: number;
}

export interface CrossTab {
  characteristic: string;
  /** Column values; studies without a value fall under "not reported". */
  values: string[];
  rows: { code: string; label: string; counts: number[] }[];
}

export interface CoOccurrence {
  codes: string[];
  /** matrix[i][j] = studies coded with both code i and code j. */
  matrix: number[][];
}

export interface EvidenceRow {
  study: string;
  studyId: number;
  code: string;
  excerpt: string;
  page: string | null;
  coder: string;
}

export interface Theme {
  codeId: number;
  code: string;
  label: string;
  studies: number;
  summary: string;
  evidence: EvidenceRow[];
}

/** Dual coding of one code by one pair of coders. */
export interface CodePairTable {
  code: string;
  coders: [string, string];
  /** Studies both coders coded (with any code). */
  studies: number;
  both: number;
  onlyFirst: number;
  onlySecond: number;
  neither: number;
  /** (both + neither) ÷ studies; null when no study was coded by both. */
  observedAgreement: number | null;
}

/** GET …/synthesis (and synthesis.json, `sift synthesis --json`). */
export interface Synthesis {
  studies: number;
  codes: CodeFrequency[];
  crossTabs: CrossTab[];
  coOccurrence: CoOccurrence;
  themes: Theme[];
  agreement: CodePairTable[];
}

/** PUT …/synthesis/summaries/:codeId. */
export interface ThemeSummarySaved {
  summary: string;
}
