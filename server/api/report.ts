/** The drafted report: GET …/report (the Report page's preview) and the blocks every format draws. */

/** A block of the drafted document; every renderer (Markdown, HTML, DOCX, the page) draws each kind. */
export type ReportBlock =
  | { kind: 'paragraph'; text: string }
  /** A remark to the authors (the draft notice, work still in progress). */
  | { kind: 'note'; text: string }
  | { kind: 'table'; caption: string; header: string[]; rows: string[][] }
  /** An SVG figure: the PRISMA diagram, a chart. */
  | { kind: 'figure'; caption: string; svg: string; alt: string }
  | { kind: 'references'; entries: string[]; numbered: boolean };

export interface ReportSection {
  /** A stable anchor: the checklist points here. */
  id: string;
  title: string;
  blocks: ReportBlock[];
  sections: ReportSection[];
}

export type ReportStyleName = 'apa' | 'vancouver' | 'harvard';

/** GET …/report?style=apa|vancouver|harvard */
export interface ReportResponse {
  title: string;
  question: string | null;
  /** ISO 8601 */
  draftedAt: string;
  style: ReportStyleName;
  sections: ReportSection[];
}
