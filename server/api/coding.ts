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

/**
 * What importing a codebook file changes, matched by key (a code's `code`, a field's `key`):
 * codes added, renamed (label), described (description), moved (parent, by key) and removed or
 * kept (in the project, not in the file); fields added, changed, removed or kept.
 */
export interface CodebookChanges {
  codes: {
    added: { code: string; label: string; parent: string | null }[];
    renamed: { code: string; from: string; to: string }[];
    /** Codes whose description changes (label and place unchanged or listed above). */
    described: { code: string; label: string }[];
    moved: { code: string; label: string; from: string | null; to: string | null }[];
    /** In the project, not in the file: removed only when the owner asks for it. */
    removed: { code: string; label: string }[];
    /** In the project, not in the file, and kept. */
    kept: { code: string; label: string }[];
  };
  fields: {
    added: { key: string; label: string }[];
    changed: { key: string; label: string; what: ('label' | 'kind' | 'choices')[] }[];
    removed: { key: string; label: string }[];
    kept: { key: string; label: string }[];
  };
}

/** POST …/codebook/import: how many codes and fields the file held, and what changed. */
export interface CodebookImported {
  codes: number;
  fields: number;
  changes: CodebookChanges;
}

/**
 * POST …/codebook/import/preview: what the import would change, nothing written; `blocked` says
 * why it would be refused (a code in use to remove, a field whose values would be lost).
 */
export interface CodebookImportPreview {
  changes: CodebookChanges;
  blocked: string[];
  /** Whether what the project has and the file does not is removed (else kept). */
  removeMissing: boolean;
  /** Whether the file carries the extraction form (JSON) or codes only (CSV). */
  withFields: boolean;
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
  /**
   * An illustrative example written for the excerpt, not a quotation of the study (the demo
   * marks what it invented so); shown as such beside it everywhere.
   */
  illustrative: boolean;
}

/**
 * GET …/coding/studies: one included study (several reports grouped as one study on the Full
 * text page are one item, coded under its lowest report id, `id`).
 */
export interface StudyListItem {
  id: number;
  /** How the study is cited, e.g. "Oliver 2019". */
  label: string;
  title: string | null;
  /** Codes applied to it that the caller may see: their own while coding is blind to them, else every coder's. */
  applications: number;
  /** Its included reports (the first is `id`). */
  reportIds: number[];
  /** Whether the caller marked it done. */
  done: boolean;
  /** Who marked it done; null while the caller may not see others' coding of it. */
  doneBy: string[] | null;
  /** Codes in its consensus coding; null while the caller may not see it. */
  consensus: number | null;
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

/** A code in the owner's reconciled coding of a study (POST …/coding/studies/:recordId/consensus/applications). */
export interface ConsensusApplication {
  id: number;
  recordId: number;
  codeId: number;
  excerpt: string;
  page: string | null;
  note: string;
  /** The coder's application it was accepted from; null when the owner wrote it. */
  fromApplicationId: number | null;
  /** Who coded it first: the coder of fromApplicationId; null when the owner wrote it. */
  fromCoder: string | null;
  decidedBy: string;
  decidedAt: string;
  /** The excerpt is an illustrative example, not a quotation (accepted from a coder's so flagged). */
  illustrative: boolean;
}

/** The owner's reconciled value of one field (PUT …/coding/studies/:recordId/consensus/values/:field). */
export interface ConsensusValue {
  value: FieldValue;
  /** The coder whose value was accepted; null when the owner wrote it. */
  fromCoder: string | null;
  decidedBy: string;
  decidedAt: string;
}

/** Another coder's extraction values on a study, once the caller may see them. */
export interface CoderValues {
  userId: number;
  coder: string;
  values: Record<string, FieldValue>;
}

/** GET …/coding/studies/:recordId (any report of the study). */
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
  /** The caller's applications, and every coder's once the caller may see others' coding of the study. */
  applications: StudyApplication[];
  /** The caller's extraction values by field key. */
  values: Record<string, FieldValue>;
  /** The study's included reports (the first is the record it is coded under). */
  reportIds: number[];
  /** Whether the caller marked the study done (their coding of it is then fixed until they reopen it). */
  done: boolean;
  /**
   * Whether the caller sees the other coders' work on this study: both finished it, or coding is
   * open to them (not blind, or unblinded by the owner); owners always.
   */
  othersVisible: boolean;
  /** Who marked it done; null while others' work is hidden from the caller. */
  doneBy: string[] | null;
  /** The other coders' extraction values; empty while hidden. */
  otherValues: CoderValues[];
  /** The consensus coding; null while hidden from the caller. */
  consensus: { applications: ConsensusApplication[]; values: Record<string, ConsensusValue> } | null;
}

/** POST/DELETE …/coding/studies/:recordId/done. */
export interface StudyDone {
  recordId: number;
  done: boolean;
}

/** GET/PATCH …/coding/settings, POST …/coding/unblind. */
export interface CodingSettings {
  /** Coders who finish each study: 2 (blind dual coding, then consensus) or 1. */
  codersRequired: 1 | 2;
  blind: boolean;
  unblinded: boolean;
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
  /** With `?appraisal=stratify`: its studies by appraisal result. */
  appraisal?: StratumCounts & { onlyMeetsAll: boolean };
}

/** Studies by how they stand in the appraisal: all criteria met, not all, not (completely) appraised. */
export interface StratumCounts {
  meetsAll: number;
  notAll: number;
  notAppraised: number;
}

/**
 * The synthesis by appraisal result (`?appraisal=` on the synthesis routes, `sift synthesis
 * --appraisal`): `all-yes` counts only the studies that meet all criteria; `stratify` counts
 * every study and splits each code's studies by appraisal result. The agreement between coders
 * stays over every study (it measures the coders, not the studies).
 */
export interface SynthesisAppraisal {
  option: 'all-yes' | 'stratify';
  tool: string;
  /** Every included study by appraisal result (before any filter). */
  studies: StratumCounts;
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
  /** The excerpt is an illustrative example, not a quotation (Application.illustrative). */
  illustrative: boolean;
}

export interface Theme {
  codeId: number;
  code: string;
  label: string;
  studies: number;
  summary: string;
  evidence: EvidenceRow[];
}

/** Agreement on one code between one pair of coders, across the studies both finished. */
export interface CodePairTable {
  code: string;
  coders: [string, string];
  /** Studies both coders finished (marked done). */
  studies: number;
  both: number;
  onlyFirst: number;
  onlySecond: number;
  neither: number;
  /** (both + neither) ÷ studies; null when no study was finished by both. */
  observedAgreement: number | null;
  /** Cohen's kappa; null when not estimable. */
  kappa: number | null;
  /** Why kappa is not estimable (shown as "not estimable"); null when it is. */
  kappaNotEstimable: string | null;
}

/** GET …/coding/agreement. */
export interface CodingAgreementResponse {
  agreement: CodePairTable[];
}

/**
 * GET …/synthesis (and synthesis.json, `sift synthesis --json`). `studies` counts studies
 * (reports grouped as one study count once); the codes counted are the consensus coding, or with
 * one coder per study the coders' own where no consensus was written (`coding` says which).
 */
export interface Synthesis {
  studies: number;
  coding: { codersRequired: 1 | 2; studiesWithCoding: number };
  codes: CodeFrequency[];
  crossTabs: CrossTab[];
  coOccurrence: CoOccurrence;
  themes: Theme[];
  agreement: CodePairTable[];
  /** Present only when the synthesis was asked for by appraisal result. */
  appraisal?: SynthesisAppraisal;
}

/** PUT …/synthesis/summaries/:codeId. */
export interface ThemeSummarySaved {
  summary: string;
}
