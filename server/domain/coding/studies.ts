/**
 * Studies, not reports: several reports grouped as one study on the Full text page are coded
 * once and counted once. A study is coded under its coding record: the lowest id among its
 * included reports. Coding stored under another report of the study (coded before the reports
 * were grouped) belongs to the same study.
 */

export interface CodingStudy {
  /** The record the study is coded under: its lowest included report. */
  recordId: number;
  /** Its included reports, in id order (the coding record first). */
  reportIds: number[];
  /** The study it was grouped as on the Full text page; null: a report of its own. */
  groupId: number | null;
}

export interface CodingStudies {
  studies: CodingStudy[];
  /** Any report of an included study (included or not) → the study's coding record. */
  codingRecordOf: Map<number, number>;
}

/**
 * Groups the included reports into studies. `groups` lists every report linked to a study
 * (record → study id), included or not: a report excluded at full text still belongs to its
 * study, so coding stored under it is not lost while another report keeps the study included.
 */
export function codingStudies(
  includedReportIds: readonly number[],
  groups: readonly { recordId: number; studyId: number }[],
): CodingStudies {
  const groupOf = new Map(groups.map((g) => [g.recordId, g.studyId]));
  const byKey = new Map<string, CodingStudy>();
  for (const id of [...includedReportIds].sort((a, b) => a - b)) {
    const groupId = groupOf.get(id) ?? null;
    const key = groupId === null ? `r${id}` : `s${groupId}`;
    const study = byKey.get(key);
    if (study) study.reportIds.push(id);
    else byKey.set(key, { recordId: id, reportIds: [id], groupId });
  }
  const studies = [...byKey.values()].sort((a, b) => a.recordId - b.recordId);
  const codingRecordOf = new Map<number, number>();
  const studyOfGroup = new Map(studies.filter((s) => s.groupId !== null).map((s) => [s.groupId, s.recordId]));
  for (const s of studies) for (const id of s.reportIds) codingRecordOf.set(id, s.recordId);
  for (const g of groups) {
    const recordId = studyOfGroup.get(g.studyId);
    if (recordId !== undefined) codingRecordOf.set(g.recordId, recordId);
  }
  return { studies, codingRecordOf };
}
