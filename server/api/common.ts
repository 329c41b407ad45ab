/** Shapes several resources share. */

/** The two screening stages of PRISMA 2020: records at title/abstract, reports at full text. */
export type Stage = 'title_abstract' | 'full_text';

/** The small reference-type vocabulary Sift keeps across formats. */
export type RecordType =
  | 'journal-article'
  | 'book'
  | 'book-chapter'
  | 'conference-paper'
  | 'thesis'
  | 'report'
  | 'preprint'
  | 'dataset'
  | 'webpage'
  | 'other';

/** Project roles, weakest first. */
export type Role = 'viewer' | 'reviewer' | 'owner';

/** Every error answer (400, 401, 403, 404, 409, 413, 422, 429, 500). */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** A warning a parser raised about one line or record of an imported file. */
export interface ParseWarning {
  /** 1-based line in the file, when the format has lines. */
  line: number | null;
  /** 1-based index of the record in the file, when the warning is about one record. */
  record: number | null;
  message: string;
}
