import { appraisalResults, appraised } from './appraisal';
import { studyLabel } from '../coding/extraction';
import type { PrismaModel } from '../prisma/types';
import { renderPrismaSvg } from '../prisma/svg';
import { themeChartSvg } from './chart';
import { count, joinAnd, percent } from './format';
import { paragraph, section } from './methods';
import type { Block, CitableRecord, ReportInput, Section } from './types';

/** The Results: the flow of records (every number the diagram's), the studies and the synthesis. */
export function resultsSection(input: ReportInput): Section {
  return section(
    'results',
    'Results',
    [],
    [
      studySelection(input),
      excludedReports(input),
      studyCharacteristics(input),
      ...(appraised(input.appraisal) ? [appraisalResults(input.appraisal)] : []),
      themeFrequencies(input),
      coOccurrence(input),
      ...crossTabulations(input),
      themes(input),
    ],
  );
}

/** How a record is named in the tables: "Oliver 2019". */
export function recordLabel(record: CitableRecord | undefined, id: number): string {
  return record ? studyLabel(record.authors, record.year, record.title, record.id) : `Record ${id}`;
}

/**
 * The flow of records in sentences: identification, duplicates, screening, retrieval, eligibility
 * and inclusion, each count read from the diagram's model.
 */
export function selectionSentences(m: PrismaModel, hasOther: boolean): string[] {
  const sentences: string[] = [];
  const identified: string[] = [];
  if (m.database_results !== null) identified.push(`${count(m.database_results, 'record')} from databases`);
  if (m.register_results !== null) identified.push(`${count(m.register_results, 'record')} from registers`);
  const others: [number | null, string][] = [
    [m.website_results, 'from websites'],
    [m.organisation_results, 'from organisations'],
    [m.citations_results, 'from citation searching'],
  ];
  for (const [n, where] of others) if (n !== null) identified.push(`${count(n, 'record')} ${where}`);
  sentences.push(`The searches identified ${joinAnd(identified)}.`);
  const removed = [`${count(m.duplicates ?? 0, 'duplicate record was', 'duplicate records were')} removed`];
  if (m.excluded_automatic) removed.push(`${m.excluded_automatic} marked ineligible by automation tools`);
  if (m.excluded_other) removed.push(`${m.excluded_other} removed for other reasons`);
  sentences.push(`Before screening, ${joinAnd(removed)}.`);
  sentences.push(
    `${count(m.records_screened ?? 0, 'record was', 'records were')} screened by title and abstract, and ${m.records_excluded ?? 0} of them were excluded.`,
  );
  sentences.push(
    `${count(m.dbr_sought_reports ?? 0, 'report was', 'reports were')} sought for retrieval; ${m.dbr_notretrieved_reports ?? 0} could not be retrieved.`,
  );
  sentences.push(
    `${count(m.dbr_assessed ?? 0, 'report was', 'reports were')} assessed for eligibility at full text, and ${m.dbr_excluded ?? 0} were excluded` +
      (m.dbr_excluded_reasons.length
        ? ` (${m.dbr_excluded_reasons.map((r) => `${r.name}: ${r.n}`).join('; ')}).`
        : '.'),
  );
  if (hasOther) {
    const parts = [];
    if (m.other_duplicates)
      parts.push(`${count(m.other_duplicates, 'duplicate was', 'duplicates were')} removed`);
    if (m.other_records_screened !== null)
      parts.push(
        `${m.other_records_screened} screened by title and abstract (${m.other_records_excluded ?? 0} excluded)`,
      );
    parts.push(`${count(m.other_sought_reports ?? 0, 'report was', 'reports were')} sought`);
    parts.push(`${m.other_notretrieved_reports ?? 0} not retrieved`);
    parts.push(`${m.other_assessed ?? 0} assessed for eligibility`);
    parts.push(`${m.other_excluded ?? 0} excluded`);
    sentences.push(`From other methods, ${joinAnd(parts)}.`);
  }
  sentences.push(
    `In all, ${count(m.new_studies ?? 0, 'study', 'studies')} (${count(m.new_reports ?? 0, 'report')}) were included in the review.`,
  );
  if (m.previous_studies !== null || m.previous_reports !== null)
    sentences.push(
      `With the ${m.previous_studies ?? 0} studies (${m.previous_reports ?? 0} reports) of the previous version, the review includes ${m.total_studies ?? 0} studies (${m.total_reports ?? 0} reports).`,
    );
  return sentences;
}

function studySelection(input: ReportInput): Section {
  const { model, warnings, hints } = input.prisma;
  const blocks: Block[] = [
    paragraph(selectionSentences(model, hints.other).join(' ')),
    {
      kind: 'figure',
      caption: 'PRISMA 2020 flow diagram',
      alt: 'PRISMA 2020 flow diagram of the records identified, screened, assessed and included',
      svg: renderPrismaSvg(input.prisma, { perSourceDetail: true }),
    },
  ];
  if (warnings.length > 0)
    blocks.push({
      kind: 'note',
      text: `Work in progress at the time of drafting: ${warnings.map((w) => w.message).join(' ')}`,
    });
  return section('study-selection', 'Study selection', blocks);
}

function excludedReports(input: ReportInput): Section {
  const { model, trace } = input.prisma;
  const rows: string[][] = [];
  for (const [column, key] of [
    ['dbr', 'dbr_excluded'],
    ['other', 'other_excluded'],
  ] as const) {
    const reasons = column === 'dbr' ? model.dbr_excluded_reasons : model.other_excluded_reasons;
    for (const reason of reasons) {
      for (const id of trace[`${key}:${reason.name}`] ?? []) {
        const record = input.records.get(id);
        rows.push([recordLabel(record, id), record?.title ?? '', reason.name]);
      }
    }
  }
  const excluded = (model.dbr_excluded ?? 0) + (model.other_excluded ?? 0);
  return section('excluded-reports', 'Reports excluded at full text', [
    paragraph(
      `${count(excluded, 'report was', 'reports were')} excluded after full-text assessment. Each is listed with the reason recorded for it.`,
    ),
    {
      kind: 'table',
      caption: 'Reports excluded at full text, with reasons',
      header: ['Report', 'Title', 'Reason'],
      rows,
    },
  ]);
}

function studyCharacteristics(input: ReportInput): Section {
  const fields = input.coding.fields;
  const rows = input.studies.map((s) => [
    s.label,
    s.year === null ? '' : String(s.year),
    ...fields.map((f) => (s.characteristics[f.key] ?? []).join('; ')),
  ]);
  return section('study-characteristics', 'Characteristics of included studies', [
    paragraph(
      `${count(input.studies.length, 'study was', 'studies were')} included. The table gives each study with the characteristics extracted on the form (agreed values where the coding was reconciled); the references list them in full.`,
    ),
    {
      kind: 'table',
      caption: 'Characteristics of included studies',
      header: ['Study', 'Year', ...fields.map((f) => f.label)],
      rows,
    },
  ]);
}

function themeFrequencies(input: ReportInput): Section {
  const s = input.synthesis;
  return section('theme-frequencies', 'Theme frequencies', [
    paragraph(
      `Of the ${count(s.studies, 'included study', 'included studies')}, the table counts those coded with each theme and code.`,
    ),
    {
      kind: 'table',
      caption: 'Theme frequencies',
      header: ['Theme or code', 'Code', 'Studies', 'Share of studies', 'Excerpts'],
      rows: s.codes.map((c) => [
        `${'\u2003'.repeat(c.depth)}${c.label}`,
        c.code,
        String(c.studies),
        percent(c.share, true),
        String(c.excerpts),
      ]),
    },
    {
      kind: 'figure',
      caption: 'Included studies per theme',
      alt: `Bar chart of the number of included studies per theme: ${s.themes.map((t) => `${t.label} ${t.studies}`).join(', ')}`,
      svg: themeChartSvg(
        s.themes.map((t) => ({ label: t.label, value: t.studies })),
        s.studies,
      ),
    },
  ]);
}

function coOccurrence(input: ReportInput): Section {
  const { codes, matrix } = input.synthesis.coOccurrence;
  return section('co-occurrence', 'Co-occurrence of themes', [
    paragraph(
      'Each cell counts the included studies coded with both themes; the diagonal counts the studies of each theme.',
    ),
    {
      kind: 'table',
      caption: 'Co-occurrence of themes (studies)',
      header: ['Theme', ...codes],
      rows: codes.map((code, i) => [code, ...(matrix[i] ?? []).map(String)]),
    },
  ]);
}

function crossTabulations(input: ReportInput): Section[] {
  const tables = input.synthesis.crossTabs.filter((t) => t.values.length > 0);
  if (tables.length === 0) return [];
  const label = (key: string) =>
    key === 'year' ? 'Year' : (input.coding.fields.find((f) => f.key === key)?.label ?? key);
  return [
    section(
      'cross-tabulations',
      'Themes by study characteristics',
      tables.map((t) => ({
        kind: 'table' as const,
        caption: `Themes by ${label(t.characteristic).toLowerCase()} (studies)`,
        header: ['Theme', ...t.values],
        rows: t.rows.map((r) => [r.label, ...r.counts.map(String)]),
      })),
    ),
  ];
}

function themes(input: ReportInput): Section {
  const s = input.synthesis;
  return section(
    'themes',
    'Themes: narrative summaries and evidence',
    [
      paragraph(
        `Each theme below gives the team’s narrative summary and the coded excerpts that support it.`,
      ),
    ],
    s.themes.map((t) => {
      const blocks: Block[] = [
        paragraph(
          `${count(t.studies, 'included study', 'included studies')} of ${s.studies} support this theme.`,
        ),
      ];
      blocks.push(
        t.summary.trim()
          ? paragraph(t.summary.trim())
          : { kind: 'note', text: 'No narrative summary has been written for this theme yet.' },
      );
      if (t.evidence.length)
        blocks.push({
          kind: 'table',
          caption: `Evidence for “${t.label}”`,
          header: ['Study', 'Code', 'Excerpt', 'Page'],
          rows: t.evidence.map((e) => [e.study, e.code, e.excerpt, e.page ?? '']),
        });
      return section(`theme-${slug(t.code)}`, t.label, blocks);
    }),
  );
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
