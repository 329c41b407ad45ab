import type { CoOccurrence, CrossTab, EvidenceRow } from '../../api/coding';

/**
 * Theme synthesis over coded studies: pure functions from codes, studies and code applications
 * to the tables a review reports (frequencies, cross-tabs, co-occurrence, evidence).
 * A study counts for a theme when it carries the theme's code or any code beneath it.
 */

export interface SynthesisCode {
  id: number;
  code: string;
  label: string;
  parentId: number | null;
}

export interface SynthesisStudy {
  id: number;
  /** How the study is cited in tables, e.g. "Oliver 2019". */
  label: string;
  year: number | null;
  /** Values of the extraction form by field key (several for a multiple-choice field). */
  characteristics: Record<string, string[]>;
}

export interface SynthesisApplication {
  studyId: number;
  codeId: number;
  coder: string;
  excerpt: string;
  page: string | null;
  /** An illustrative example, not a quotation of the study; absent means a quotation. */
  illustrative?: boolean;
}

export interface SynthesisInput {
  codes: SynthesisCode[];
  studies: SynthesisStudy[];
  applications: SynthesisApplication[];
  /** Narrative summary per code id, written by the team. */
  summaries: Record<number, string>;
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
  /** studies ÷ all included studies, 0–1 (0 when there are none). */
  share: number;
}

// Column values of a cross-tab come in a stable order, with studies without a value under
// NOT_REPORTED; a co-occurrence's diagonal is the studies with that code; an illustrative excerpt
// is said to be one beside it wherever it is shown. The shapes are the API's, defined once.
export type { CoOccurrence, CrossTab, EvidenceRow };

export const NOT_REPORTED = 'not reported';

/** Maps each code id to the set of study ids it covers, counting descendants' studies too. */
export function studiesByCode(input: SynthesisInput): Map<number, Set<number>> {
  const parentOf = new Map(input.codes.map((c) => [c.id, c.parentId]));
  const covered = new Map<number, Set<number>>(input.codes.map((c) => [c.id, new Set<number>()]));
  for (const a of input.applications) {
    // walk up to the root, so a sub-code also counts for its theme; the guard stops a corrupt cycle
    let id: number | null | undefined = a.codeId;
    for (let guard = 0; id != null && guard < input.codes.length; guard++) {
      covered.get(id)?.add(a.studyId);
      id = parentOf.get(id);
    }
  }
  return covered;
}

function depthOf(code: SynthesisCode, byId: Map<number, SynthesisCode>): number {
  let depth = 0;
  for (let p = code.parentId; p != null && depth < byId.size; p = byId.get(p)?.parentId ?? null) depth++;
  return depth;
}

/** Theme frequencies: one row per code, in codebook order. */
export function codeFrequencies(input: SynthesisInput): CodeFrequency[] {
  const covered = studiesByCode(input);
  const byId = new Map(input.codes.map((c) => [c.id, c]));
  const descendants = descendantIds(input.codes);
  const total = input.studies.length;
  return input.codes.map((c) => {
    const studies = covered.get(c.id)?.size ?? 0;
    const under = descendants.get(c.id) ?? new Set([c.id]);
    return {
      code: c.code,
      label: c.label,
      parent: c.parentId == null ? null : (byId.get(c.parentId)?.code ?? null),
      depth: depthOf(c, byId),
      studies,
      direct: new Set(input.applications.filter((a) => a.codeId === c.id).map((a) => a.studyId)).size,
      excerpts: input.applications.filter((a) => under.has(a.codeId) && a.excerpt.trim() !== '').length,
      share: total === 0 ? 0 : studies / total,
    };
  });
}

/** Each code id → itself and every code beneath it. */
export function descendantIds(codes: SynthesisCode[]): Map<number, Set<number>> {
  const result = new Map<number, Set<number>>(codes.map((c) => [c.id, new Set([c.id])]));
  const parentOf = new Map(codes.map((c) => [c.id, c.parentId]));
  for (const c of codes) {
    let p = c.parentId;
    for (let guard = 0; p != null && guard < codes.length; guard++) {
      result.get(p)?.add(c.id);
      p = parentOf.get(p) ?? null;
    }
  }
  return result;
}

/** The values a study has for a characteristic; `year` comes from the record itself. */
function valuesOf(study: SynthesisStudy, characteristic: string): string[] {
  if (characteristic === 'year') return study.year == null ? [] : [String(study.year)];
  return (study.characteristics[characteristic] ?? []).filter((v) => v.trim() !== '');
}

/**
 * Code × characteristic: how many studies of each value carry each code. A study with several
 * values (a multi-country study) counts once under each.
 */
export function crossTab(input: SynthesisInput, characteristic: string, codeIds?: number[]): CrossTab {
  const covered = studiesByCode(input);
  const studyValues = new Map(input.studies.map((s) => [s.id, valuesOf(s, characteristic)]));
  const distinct = [...new Set([...studyValues.values()].flat())].sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true }),
  );
  const hasMissing = [...studyValues.values()].some((v) => v.length === 0);
  const values = hasMissing ? [...distinct, NOT_REPORTED] : distinct;
  const column = new Map(values.map((v, i) => [v, i]));
  const selected = codeIds ? input.codes.filter((c) => codeIds.includes(c.id)) : input.codes;
  const rows = selected.map((c) => {
    const counts = values.map(() => 0);
    for (const studyId of covered.get(c.id) ?? []) {
      const vs = studyValues.get(studyId) ?? [];
      for (const v of vs.length ? vs : [NOT_REPORTED]) counts[column.get(v)!]! += 1;
    }
    return { code: c.code, label: c.label, counts };
  });
  return { characteristic, values, rows };
}

/** Code co-occurrence: studies that carry both codes (theme-level when given the themes' ids). */
export function coOccurrence(input: SynthesisInput, codeIds?: number[]): CoOccurrence {
  const covered = studiesByCode(input);
  const selected = codeIds ? input.codes.filter((c) => codeIds.includes(c.id)) : input.codes;
  const sets = selected.map((c) => covered.get(c.id) ?? new Set<number>());
  const matrix = sets.map((a) => sets.map((b) => [...a].filter((id) => b.has(id)).length));
  return { codes: selected.map((c) => c.code), matrix };
}

/** The evidence table of a code: every excerpt under it or its sub-codes, by study. */
export function evidenceTable(input: SynthesisInput, codeId: number): EvidenceRow[] {
  const under = descendantIds(input.codes).get(codeId) ?? new Set<number>();
  const studyLabel = new Map(input.studies.map((s) => [s.id, s.label]));
  const codeKey = new Map(input.codes.map((c) => [c.id, c.code]));
  return input.applications
    .filter((a) => under.has(a.codeId))
    .map((a) => ({
      study: studyLabel.get(a.studyId) ?? `#${a.studyId}`,
      studyId: a.studyId,
      code: codeKey.get(a.codeId) ?? '',
      excerpt: a.excerpt,
      page: a.page,
      coder: a.coder,
      illustrative: a.illustrative === true,
    }))
    .sort((x, y) => x.study.localeCompare(y.study) || x.code.localeCompare(y.code));
}

/** The themes: codes without a parent, in codebook order. */
export function themeIds(input: SynthesisInput): number[] {
  return input.codes.filter((c) => c.parentId == null).map((c) => c.id);
}
