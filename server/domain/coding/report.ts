import {
  coOccurrence,
  codeFrequencies,
  crossTab,
  evidenceTable,
  themeIds,
  type CodeFrequency,
  type CoOccurrence,
  type CrossTab,
  type EvidenceRow,
  type SynthesisInput,
} from './synthesis';
import { csvTable } from '../csv/write';

/** Everything the synthesis page, the API and `sift synthesis --json` present. */
export interface SynthesisReport {
  studies: number;
  codes: CodeFrequency[];
  crossTabs: CrossTab[];
  coOccurrence: CoOccurrence;
  themes: {
    codeId: number;
    code: string;
    label: string;
    studies: number;
    summary: string;
    evidence: EvidenceRow[];
  }[];
}

/** Characteristics cross-tabulated by default: the record's year plus these form fields when present. */
export const DEFAULT_CROSSTABS = ['year', 'country', 'design'] as const;

export function buildReport(
  input: SynthesisInput,
  characteristics: readonly string[] = DEFAULT_CROSSTABS,
): SynthesisReport {
  const codes = codeFrequencies(input);
  const themes = themeIds(input);
  const byId = new Map(input.codes.map((c) => [c.id, c]));
  const frequency = new Map(codes.map((f) => [f.code, f.studies]));
  return {
    studies: input.studies.length,
    codes,
    crossTabs: characteristics.map((ch) => crossTab(input, ch, themes)),
    coOccurrence: coOccurrence(input, themes),
    themes: themes.map((id) => {
      const c = byId.get(id)!;
      return {
        codeId: id,
        code: c.code,
        label: c.label,
        studies: frequency.get(c.code) ?? 0,
        summary: input.summaries[id] ?? '',
        evidence: evidenceTable(input, id),
      };
    }),
  };
}

/** The theme frequency table as CSV (one row per code). */
export function frequenciesCsv(report: SynthesisReport): string {
  return csvTable([
    ['code', 'label', 'parent', 'depth', 'studies', 'direct', 'excerpts', 'share'],
    ...report.codes.map((c) => [
      c.code,
      c.label,
      c.parent,
      c.depth,
      c.studies,
      c.direct,
      c.excerpts,
      c.share.toFixed(4),
    ]),
  ]);
}

/** One cross-tab as CSV: themes down, characteristic values across. */
export function crossTabCsv(table: CrossTab): string {
  return csvTable([
    ['code', 'label', ...table.values],
    ...table.rows.map((r) => [r.code, r.label, ...r.counts]),
  ]);
}

/** Said beside an excerpt that is an illustrative example, wherever it is shown or exported. */
export const ILLUSTRATIVE_NOTE = 'Illustrative example, not a quotation';

/** The evidence tables of every theme as one CSV (`illustrative` last: "yes" for an example, not a quotation). */
export function evidenceCsv(report: SynthesisReport): string {
  return csvTable([
    ['theme', 'code', 'study', 'study_id', 'excerpt', 'page', 'coder', 'illustrative'],
    ...report.themes.flatMap((t) =>
      t.evidence.map((e) => [
        t.code,
        e.code,
        e.study,
        e.studyId,
        e.excerpt,
        e.page,
        e.coder,
        e.illustrative ? 'yes' : '',
      ]),
    ),
  ]);
}

const mdCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** A Markdown synthesis: per theme its frequency, narrative summary and evidence table. */
export function reportMarkdown(report: SynthesisReport, title: string): string {
  const lines = [`# ${title}: theme synthesis`, '', `Included studies coded: ${report.studies}`, ''];
  lines.push('| Code | Studies | Share |', '|---|---:|---:|');
  for (const c of report.codes) {
    lines.push(
      `| ${'  '.repeat(c.depth)}${mdCell(c.label)} (\`${c.code}\`) | ${c.studies} | ${(c.share * 100).toFixed(0)} % |`,
    );
  }
  for (const t of report.themes) {
    lines.push('', `## ${mdCell(t.label)} (${t.studies} ${t.studies === 1 ? 'study' : 'studies'})`, '');
    if (t.summary.trim()) lines.push(t.summary.trim(), '');
    if (t.evidence.length === 0) {
      lines.push('_No excerpts coded yet._');
      continue;
    }
    lines.push('| Study | Code | Excerpt | Page |', '|---|---|---|---|');
    for (const e of t.evidence)
      lines.push(
        `| ${mdCell(e.study)} | \`${e.code}\` | ${mdCell(e.excerpt)}${e.illustrative ? ` _(${ILLUSTRATIVE_NOTE})_` : ''} | ${mdCell(e.page ?? '')} |`,
      );
  }
  return lines.join('\n') + '\n';
}
