import { checklistRows, fillChecklist } from './checklist';
import { isoDay } from './format';
import { methodsSection, paragraph, section } from './methods';
import { formatReferences, NUMBERED_STYLES } from './references';
import { resultsSection } from './results';
import type { CitableRecord, ReportDocument, ReportInput, ReportStyle, Section } from './types';

export const DRAFT_NOTICE =
  'This is a draft that Sift wrote from the review’s recorded data: the searches, deduplication, screening decisions, ' +
  'extraction, coding and synthesis. It is a starting point for the authors to edit, check and complete. Sift states only ' +
  'what it recorded; the rationale, discussion, certainty of evidence, registration, funding and competing interests ' +
  '(and risk of bias, when the studies were not appraised in Sift) are for the authors to write, as the PRISMA 2020 ' +
  'checklist at the end marks.';

/** The drafted report of a review: Methods, Results, references and the PRISMA 2020 checklist. */
export function buildReportDocument(input: ReportInput, style: ReportStyle = 'apa'): ReportDocument {
  const sections: Section[] = [
    section('about-this-draft', 'About this draft', [
      { kind: 'note', text: DRAFT_NOTICE },
      paragraph(`Drafted on ${isoDay(input.draftedAt)}.`),
    ]),
  ];
  const question = input.project.description?.trim() || null;
  if (question)
    sections.push(
      section(
        'introduction',
        'Introduction',
        [],
        [section('objectives', 'Objectives', [paragraph(question)])],
      ),
    );
  sections.push(methodsSection(input), resultsSection(input), references(input, style));
  const doc: ReportDocument = {
    title: input.project.name,
    question,
    draftedAt: input.draftedAt,
    style,
    sections,
  };
  doc.sections.push(checklistSection(doc));
  return doc;
}

/** The included studies' records, one per study, as the synthesis counts the studies. */
export function includedRecords(input: ReportInput): CitableRecord[] {
  return input.studies.map((s) => input.records.get(s.id)).filter((r): r is CitableRecord => r !== undefined);
}

function references(input: ReportInput, style: ReportStyle): Section {
  const records = includedRecords(input);
  return section('references', 'References of included studies', [
    { kind: 'references', entries: formatReferences(records, style), numbered: NUMBERED_STYLES.has(style) },
  ]);
}

/** The PRISMA 2020 checklist as the report's last section, each item pointing into the report. */
export function checklistSection(doc: Pick<ReportDocument, 'sections'>): Section {
  const [header, ...rows] = checklistRows(fillChecklist(doc));
  return section('prisma-checklist', 'PRISMA 2020 checklist', [
    paragraph(
      'Where Sift drafted an item, the last column names the section of this report; the other items are to be completed by the authors.',
    ),
    { kind: 'table', caption: 'PRISMA 2020 checklist', header: header!, rows },
  ]);
}
