import type { ExportRecord } from './types';

/**
 * Sift's provenance as reference managers keep it. Zotero's translators (zotero/translators,
 * RIS.js: N1 → notes, KW → tags; BibTeX.js: `note` → Extra, `keywords` → tags) and EndNote's
 * RIS and BibTeX import (N1/note → Notes, KW/keywords → Keywords) keep a note and keywords of
 * every reference, so the Sift id and the status written there survive an import into either
 * and an export back out.
 */

/** "Sift record 12; source: Scopus; status: excluded; stage: title_abstract; reason: …": one line. */
export function provenanceNote(record: ExportRecord): string {
  const parts = [`Sift record ${record.id}`];
  if (record.sourceName) parts.push(`source: ${record.sourceName}`);
  if (record.sourceId) parts.push(`source id: ${record.sourceId}`);
  if (record.status) parts.push(`status: ${record.status}`);
  if (record.stage) parts.push(`stage: ${record.stage}`);
  if (record.exclusionReason) parts.push(`reason: ${record.exclusionReason}`);
  if (record.duplicateOf != null) parts.push(`duplicate of ${record.duplicateOf}`);
  if (record.labels && record.labels.length > 0) parts.push(`labels: ${record.labels.join(', ')}`);
  // One line: a newline would start an untagged continuation line in RIS.
  return parts.join('; ').replace(/\s+/g, ' ');
}

/** The status and labels as tags: "Sift: included", "Sift label: Seminal". */
export function provenanceTags(record: ExportRecord): string[] {
  return [
    ...(record.status ? [`Sift: ${record.status}`] : []),
    ...(record.labels ?? []).map((label) => `Sift label: ${label.replace(/\s+/g, ' ')}`),
  ];
}
