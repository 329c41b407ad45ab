import { checklistRows, fillChecklist } from '../domain/report/checklist';
import { csvTable } from '../domain/csv/write';
import { reportToHtml } from '../domain/report/html';
import { reportToMarkdown } from '../domain/report/markdown';
import type { ReportDocument } from '../domain/report/types';
import { reportToDocx, sectionsToDocx } from './report-docx';

export const REPORT_FORMATS = ['docx', 'html', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const CHECKLIST_FORMATS = ['csv', 'docx'] as const;
export type ChecklistFormat = (typeof CHECKLIST_FORMATS)[number];

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const REPORT_CONTENT_TYPES: Record<ReportFormat | ChecklistFormat, string> = {
  docx: DOCX,
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** The drafted report in one of its formats. */
export async function exportReport(doc: ReportDocument, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'docx':
      return reportToDocx(doc);
    case 'html':
      return Buffer.from(reportToHtml(doc), 'utf8');
    case 'md':
      return Buffer.from(reportToMarkdown(doc), 'utf8');
  }
}

/** The PRISMA 2020 checklist alone, each item with where this report drafts it. */
export async function exportChecklist(doc: ReportDocument, format: ChecklistFormat): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(csvTable(checklistRows(fillChecklist(doc))), 'utf8');
  const checklist = doc.sections.find((s) => s.id === 'prisma-checklist');
  return sectionsToDocx(
    `PRISMA 2020 checklist — ${doc.title}`,
    'Locations refer to the draft report Sift wrote.',
    checklist ? [checklist] : [],
  );
}
