/** The PRISMA 2020 API: …/prisma (JSON), …/prisma/settings, …/prisma/boxes/:box/records. */

/** One named count: a source, an exclusion reason. */
export interface NamedCount {
  name: string;
  n: number;
}

/**
 * The diagram keyed by the data keys of the PRISMA2020 CSV template: counts (null = not
 * reported) and lists of named counts (`*_specific_results`, `*_reasons`); the keys are listed
 * in server/domain/prisma/types.ts (NUMERIC_KEYS, DETAIL_KEYS).
 */
export type PrismaModel = Record<string, number | null | NamedCount[]>;

export interface PrismaWarning {
  /** Stable identifier of the rule, e.g. "screened_mismatch". */
  code: string;
  message: string;
  /** The data keys involved. */
  keys: string[];
}

/** GET …/prisma; `trace` (the record ids behind each box) only for roles that may export. */
export interface PrismaDocument {
  model: PrismaModel;
  /** Box text overrides (data key or title box name → text). */
  labels: Record<string, string>;
  warnings: PrismaWarning[];
  /** Which optional columns the diagram needs. */
  hints: { previous: boolean; other: boolean };
  trace?: Record<string, readonly number[]>;
}

/** GET/PUT …/prisma/settings: the previous version of an updated review, box texts. */
export interface PrismaSettings {
  previousStudies?: number;
  previousReports?: number;
  labels?: Record<string, string>;
  /**
   * The other-methods column's title/abstract step: "auto" (shown once a record of that column
   * is excluded there) or "always" (shown whenever the review has such records).
   */
  otherScreening?: 'auto' | 'always';
}

export interface DrillDownRecord {
  id: number;
  sourceId: number;
  sourceName: string;
  title: string | null;
  authors: string[];
  year: number | null;
  journal: string | null;
  doi: string | null;
  pmid: string | null;
}

/** GET …/prisma/boxes/:box/records?offset=&limit=: the records behind one count, a page at a time. */
export interface BoxRecords {
  box: string;
  /** All ids behind the box; `records` is the requested page of them. */
  total: number;
  offset: number;
  records: DrillDownRecord[];
}
